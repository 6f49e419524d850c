/** The portal's languages; Japanese first. */
export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Declares one feature's messages. The English side must have exactly the Japanese keys, so a missing
 * translation is a type error before it is a test failure.
 */
export function defineMessages<const J extends Record<string, string>>(ja: J, en: { [K in keyof J]: string }) {
  return { ja, en } as { ja: { [K in keyof J]: string }; en: { [K in keyof J]: string } };
}

export type Vars = Record<string, string | number>;

/** Both languages of a set of messages, keyed alike. */
export type Catalogue<K extends string> = { ja: Record<K, string>; en: Record<K, string> };

/** The message lookup of one language; keys are checked by the compiler where they are used. */
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

type KeysOf<C> = C extends { ja: infer J } ? keyof J & string : never;
type KeysOfParts<T extends readonly Catalogue<string>[]> = KeysOf<T[number]>;

/** Joins several features' messages into one catalogue; a key defined twice with different texts is a start-up error. */
export function mergeMessages<const T extends readonly Catalogue<string>[]>(...parts: T): Catalogue<KeysOfParts<T>> {
  const merged: Catalogue<string> = { ja: {}, en: {} };
  for (const part of parts) {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(part[locale])) {
        const before = merged[locale][key];
        if (before !== undefined && before !== text) throw new Error(`message ${key} is defined twice with different ${locale} texts`);
        merged[locale][key] = text;
      }
    }
  }
  return merged as Catalogue<KeysOfParts<T>>;
}

/** One lookup function per language for a catalogue. */
export function translatorsFor<K extends string>(catalogue: Catalogue<K>): Record<Locale, Translate<K>> {
  const lookup = (locale: Locale): Translate<K> => {
    const texts = catalogue[locale];
    return (key, vars) => interpolate(texts[key], vars);
  };
  return { ja: lookup("ja"), en: lookup("en") };
}

/** Narrows a string to a catalogue key, for keys that arrive at run time (a schema's message, a query). */
export function keyGuard<K extends string>(catalogue: Catalogue<K>): (value: string) => value is K {
  return (value): value is K => Object.hasOwn(catalogue.ja, value);
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a test can catch it. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Picks the locale: the user's choice first, then Accept-Language, then Japanese. */
export function negotiateLocale(choice: string | undefined, acceptLanguage: string | undefined): Locale {
  if (choice === "ja" || choice === "en") return choice;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(",")
      .map((part) => {
        const [tag = "", ...params] = part.trim().split(";");
        const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
        return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((r) => r.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) {
      const base = tag.split("-")[0];
      if (base === "ja" || base === "en") return base;
    }
  }
  return "ja";
}
