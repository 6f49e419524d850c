import type { Item, Locale, LocalizedText } from "./item-bank-schema.ts";
import { optionOrder } from "./order-items.ts";

/** The text in one language. */
export function inLocale(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

export interface PublicSituationView {
  id: string;
  version: number;
  exercise: "situations";
  format: "single-choice";
  part: 1 | 2;
  scenario: string;
  /** `src` is relative to the bank folder; the server turns it into a URL. */
  media?: { src: string; transcript: string; maxPlays?: number };
  question: string;
  /** In the attempt's order when a seed was given, else in bank order. */
  options: { id: string; label: string }[];
}

export interface PublicPairView {
  id: string;
  version: number;
  exercise: "workstyle";
  format: "paired-statements";
  /** Left statement first. */
  statements: [{ id: string; text: string }, { id: string; text: string }];
}

export type PublicItemView = PublicSituationView | PublicPairView;

export interface PublicItemViewOptions {
  /** The attempt's seed: options then come in that attempt's order (`optionOrder`). */
  seed?: number;
}

/**
 * What a candidate's page may show of an item, in one language. Fields are copied one by one instead
 * of deleting the secret ones, so a field added to the schema later (a new key, a note) stays on the
 * server until someone decides it is public. Status and `scored` are left out too: a candidate who
 * knew an item was a pilot might not try on it. Ratings never leave the server, and the options come in
 * the attempt's shuffled order, so neither their position nor anything else in the payload hints at
 * the key.
 */
export function publicItemView(item: Item, locale: Locale, options: PublicItemViewOptions = {}): PublicItemView {
  if (item.exercise === "workstyle") {
    const [left, right] = item.statements;
    return {
      id: item.id,
      version: item.version,
      exercise: "workstyle",
      format: "paired-statements",
      statements: [
        { id: left.id, text: inLocale(left.text, locale) },
        { id: right.id, text: inLocale(right.text, locale) },
      ],
    };
  }
  const view: PublicSituationView = {
    id: item.id,
    version: item.version,
    exercise: "situations",
    format: "single-choice",
    part: item.part,
    scenario: inLocale(item.scenario, locale),
    question: inLocale(item.question, locale),
    options: presentedOptions(item.options, options.seed === undefined ? null : optionOrder(item, options.seed)).map((o) => ({
      id: o.id,
      label: inLocale(o.label, locale),
    })),
  };
  if (item.media) {
    view.media = { src: item.media.src, transcript: inLocale(item.media.transcript, locale) };
    if (item.media.maxPlays !== undefined) view.media.maxPlays = item.media.maxPlays;
  }
  return view;
}

function presentedOptions<O extends { id: string }>(options: readonly O[], order: readonly string[] | null): O[] {
  if (order === null) return [...options];
  const byId = new Map(options.map((o) => [o.id, o]));
  return order.flatMap((id) => {
    const option = byId.get(id);
    return option ? [option] : [];
  });
}
