import type { Locale } from "../../platform/i18n/catalogue.ts";
import { composeEmail } from "../../platform/mail/compose.tsx";
import type { OutgoingMessage } from "../../platform/mail/outbox.ts";
import { mailTexts } from "../candidate-mail/messages.ts";
import type { Application } from "./schema.ts";

function titleOf(input: { application: Application; jobTitle: { ja: string; en: string } | undefined }, locale: Locale): string {
  return input.jobTitle?.[locale] ?? input.application.jobId;
}

/** 「【{組織名}採用事務局】 応募が完了いたしました」 */
export function submittedMessage(input: {
  application: Application;
  /** The job's title as the application saw it. */
  jobTitle: { ja: string; en: string } | undefined;
  recipient: string;
  locale: string;
  orgName: { ja: string; en: string };
  helpEmail: string;
  baseUrl: string;
}): OutgoingMessage {
  const locale: Locale = input.locale === "en" ? "en" : "ja";
  const t = mailTexts(locale);
  const org = input.orgName[locale];
  const app = input.application;
  const paragraphs = [
    t("mail.submitted.body", { job: titleOf(input, locale), jobId: app.jobId }),
    t("mail.submitted.reference", { reference: app.reference }),
    t("mail.submitted.next"),
  ];
  if (app.documentsStatus === "to_be_sent") paragraphs.push(t("mail.submitted.sendDocuments", { email: input.helpEmail }));
  return {
    channel: "email",
    recipient: input.recipient,
    template: "applications.submitted",
    locale,
    ...composeEmail({
      locale,
      subject: t("mail.submitted.subject", { org }),
      greeting: t("mail.greeting", { org }),
      paragraphs,
      link: { label: t("mail.submitted.link"), url: `${input.baseUrl}/account/applications` },
      signature: t("mail.signature", { org }),
    }),
  };
}

/** Confirms a withdrawal. */
export function withdrawnMessage(input: {
  application: Application;
  jobTitle: { ja: string; en: string } | undefined;
  recipient: string;
  locale: string;
  orgName: { ja: string; en: string };
}): OutgoingMessage {
  const locale: Locale = input.locale === "en" ? "en" : "ja";
  const t = mailTexts(locale);
  const org = input.orgName[locale];
  return {
    channel: "email",
    recipient: input.recipient,
    template: "applications.withdrawn",
    locale,
    ...composeEmail({
      locale,
      subject: t("mail.withdrawn.subject", { org }),
      greeting: t("mail.greeting", { org }),
      paragraphs: [t("mail.withdrawn.body", { job: titleOf(input, locale), reference: input.application.reference }), t("mail.withdrawn.again")],
      signature: t("mail.signature", { org }),
    }),
  };
}
