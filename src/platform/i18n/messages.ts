import { photoKindMessages } from "../../modules/documents/photo-kind-messages.ts";
import { applicationMessages } from "../../web/candidate/apply/messages.ts";
import { assessmentMessages } from "../../web/candidate/assessment/messages.ts";
import { documentMessages } from "../../web/candidate/documents/messages.ts";
import { jobMessages } from "../../web/candidate/jobs/messages.ts";
import { layoutMessages } from "../../web/candidate/layout-messages.ts";
import { mailboxMessages } from "../../web/candidate/mailbox/messages.ts";
import { accountMessages } from "../../web/candidate/sign-in/messages.ts";
import { interpolate, type Locale, type Vars } from "./catalogue.ts";

const parts = [
  layoutMessages,
  jobMessages,
  accountMessages,
  applicationMessages,
  assessmentMessages,
  documentMessages,
  photoKindMessages,
  mailboxMessages,
] as const;

type Merge<T extends readonly { ja: Record<string, string> }[]> = T extends readonly [infer H, ...infer R]
  ? (H extends { ja: infer J } ? J : never) & (R extends readonly { ja: Record<string, string> }[] ? Merge<R> : unknown)
  : unknown;

export type MessageKey = keyof Merge<typeof parts> & string;

/** The full catalogues, one per language, gathered from every feature. */
export const catalogues: Record<Locale, Record<string, string>> = {
  ja: Object.assign({}, ...parts.map((p) => p.ja)),
  en: Object.assign({}, ...parts.map((p) => p.en)),
};

/** The message-lookup function every view receives. */
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Binds message lookup to one locale. */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, vars) => interpolate(catalogue[key] ?? key, vars);
}
