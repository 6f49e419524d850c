import type { Locale } from "../../platform/i18n/catalogue.ts";
import { composeEmail } from "../../platform/mail/compose.tsx";
import type { OutgoingMessage } from "../../platform/mail/outbox.ts";
import { mailTexts } from "../candidate-mail/messages.ts";

export type MailContext = { locale: Locale; orgName: { ja: string; en: string } };

function localeOf(value: string): Locale {
  return value === "en" ? "en" : "ja";
}

/** The sign-in code: by e-mail with the seed's subject 「お客様の{組織名}ジョブ確認コード」, or by SMS. */
export function codeMessage(input: {
  channel: "email" | "sms";
  recipient: string;
  locale: string;
  orgName: { ja: string; en: string };
  code: string;
  purpose: "login" | "pin_reset" | "contact_change" | "account_deletion";
}): OutgoingMessage {
  const locale = localeOf(input.locale);
  const t = mailTexts(locale);
  const org = input.orgName[locale];
  const template = `accounts.code.${input.purpose}`;
  if (input.channel === "sms") {
    return { channel: "sms", recipient: input.recipient, template, locale, subject: "", textBody: t("mail.code.sms", { org, code: input.code }) };
  }
  const purposeLine = t(
    (
      {
        login: "mail.code.purpose.login",
        pin_reset: "mail.code.purpose.pinReset",
        contact_change: "mail.code.purpose.contactChange",
        account_deletion: "mail.code.purpose.accountDeletion",
      } as const
    )[input.purpose],
  );
  return {
    channel: "email",
    recipient: input.recipient,
    template,
    locale,
    ...composeEmail({
      locale,
      subject: t("mail.code.subject", { org }),
      greeting: t("mail.greeting", { org }),
      paragraphs: [purposeLine, t("mail.code.validity")],
      // The code is what the reader came for: it opens the message, large, before any greeting.
      code: { label: t("mail.code.label"), value: input.code },
      signature: t("mail.signature", { org }),
    }),
  };
}

/** A notice to the account's own address: a lock started, the PIN changed, the e-mail or phone changed. */
export function noticeMessage(input: {
  kind: "locked" | "pinChanged" | "contactChanged";
  recipient: string;
  locale: string;
  orgName: { ja: string; en: string };
  minutes?: number;
}): OutgoingMessage {
  const locale = localeOf(input.locale);
  const t = mailTexts(locale);
  const org = input.orgName[locale];
  const body = {
    locked: [t("mail.locked.body", { minutes: input.minutes ?? 1 }), t("mail.notice.notYou")],
    pinChanged: [t("mail.pinChanged.body"), t("mail.notice.notYou")],
    contactChanged: [t("mail.contactChanged.body"), t("mail.notice.notYou")],
  }[input.kind];
  const subject = {
    locked: t("mail.locked.subject", { org }),
    pinChanged: t("mail.pinChanged.subject", { org }),
    contactChanged: t("mail.contactChanged.subject", { org }),
  }[input.kind];
  return {
    channel: "email",
    recipient: input.recipient,
    template: `accounts.notice.${input.kind}`,
    locale,
    ...composeEmail({ locale, subject, greeting: t("mail.greeting", { org }), paragraphs: body, signature: t("mail.signature", { org }) }),
  };
}
