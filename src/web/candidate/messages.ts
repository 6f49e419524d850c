import { keyGuard, mergeMessages, translatorsFor } from "../../platform/i18n/catalogue.ts";
import { htmlMessages } from "../html/messages.ts";
import { accountDeletionMessages } from "./account-deletion/messages.ts";
import { applicationMessages } from "./apply/messages.ts";
import { assessmentMessages } from "./assessment/messages.ts";
import { documentMessages } from "./documents/messages.ts";
import { jobMessages } from "./jobs/messages.ts";
import { layoutMessages } from "./layout-messages.ts";
import { mailboxMessages } from "./mailbox/messages.ts";
import { privacyMessages } from "./privacy/messages.ts";
import { accountMessages } from "./sign-in/messages.ts";

/** Every text of the candidate pages, in Japanese and English. */
export const candidateMessages = mergeMessages(
  htmlMessages,
  layoutMessages,
  jobMessages,
  accountMessages,
  applicationMessages,
  assessmentMessages,
  documentMessages,
  mailboxMessages,
  accountDeletionMessages,
  privacyMessages,
);

export type MessageKey = keyof typeof candidateMessages.ja;

/** Message lookup per language for the candidate pages. */
export const candidateTexts = translatorsFor(candidateMessages);

/** Whether a string that arrived at run time is one of the candidate pages' message keys. */
export const isMessageKey = keyGuard(candidateMessages);
