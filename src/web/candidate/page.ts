import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { emptyForm, type FormState, formParser } from "../../platform/http/form.ts";
import type { Locale, Translate } from "../../platform/i18n/catalogue.ts";
import { isMessageKey, type MessageKey } from "./messages.ts";

/** What every candidate page may know about the request it answers. */
export type CandidatePage = {
  locale: Locale;
  t: Translate<MessageKey>;
  csrfToken: string;
  /** The path and query of this request, for the language switch to come back to. */
  currentUrl: string;
  signedIn: { displayName: string } | null;
  orgName: string;
  helpEmail: string;
  /** The domain our e-mails come from, for the advice on carrier spam filters. */
  mailDomain: string;
  /** Shown only outside production: the local mailbox link. */
  showMailbox: boolean;
};

export const CandidatePageContext = createContext<CandidatePage | null>(null);

/** Reads the request's page context inside a candidate view. */
export function usePage(): CandidatePage {
  const value = useContext(CandidatePageContext);
  if (!value) throw new Error("usePage() outside a rendered candidate page");
  return value;
}

/** A candidate form's values and its errors, by the candidate catalogue's keys. */
export type Form = FormState<MessageKey>;

/** A candidate form with nothing typed and nothing wrong. */
export const blankForm: Form = emptyForm;

/** Parses a candidate form; a schema message that is not a candidate key shows as 「入力内容が正しくありません」. */
export const parseForm = formParser(isMessageKey, "form.invalid");
