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
