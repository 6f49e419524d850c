import { defineMessages, keyGuard, mergeMessages, translatorsFor } from "../../platform/i18n/catalogue.ts";
import { htmlMessages } from "../html/messages.ts";
import { auditMessages } from "./audit/messages.ts";
import { candidatePageMessages } from "./candidate-page/messages.ts";
import { officeHomeMessages } from "./home/messages.ts";
import { jobEditorMessages } from "./jobs/messages.ts";
import { pipelineMessages } from "./pipeline/messages.ts";
import { privacyMessages } from "./privacy/messages.ts";
import { reportMessages } from "./reports/messages.ts";
import { retentionMessages } from "./retention/messages.ts";
import { staffSetupMessages } from "./setup/messages.ts";
import { officeSignInMessages } from "./sign-in/messages.ts";
import { staffAdminMessages } from "./staff/messages.ts";
import { templateMessages } from "./templates/messages.ts";

/** The console's frame: header, navigation, footer. */
const consoleFrameMessages = defineMessages(
  {
    "office.title": "採用管理コンソール",
    "office.skipToContent": "本文へ移動",
    "office.backHome": "コンソールのトップへ戻る",
    "office.mailNotSent":
      "このサイトはメールとSMSを実際には送信していません（SMTPサーバーが未設定です）。送信内容はサーバー上のローカルメールボックスで確認できます。",
  },
  {
    "office.title": "Recruiting console",
    "office.skipToContent": "Skip to main content",
    "office.backHome": "Back to the console",
    "office.mailNotSent": "This site is not sending e-mail or SMS (no SMTP server is set). What it would send can be read in the local mailbox on the server.",
  },
);

/** Every text of the recruiting office's console, in Japanese and English. */
export const officeMessages = mergeMessages(
  htmlMessages,
  consoleFrameMessages,
  officeHomeMessages,
  officeSignInMessages,
  staffSetupMessages,
  staffAdminMessages,
  auditMessages,
  candidatePageMessages,
  jobEditorMessages,
  reportMessages,
  pipelineMessages,
  templateMessages,
  privacyMessages,
  retentionMessages,
);

export type OfficeMessageKey = keyof typeof officeMessages.ja;

/** Message lookup per language for the console. */
export const officeTexts = translatorsFor(officeMessages);

/** Whether a string that arrived at run time is one of the console's message keys. */
export const isOfficeMessageKey = keyGuard(officeMessages);
