import type { Locale } from "../../platform/i18n/catalogue.ts";
import { composeEmail } from "../../platform/mail/compose.tsx";
import { mailTexts } from "../candidate-mail/messages.ts";
import type { BothLanguages } from "./schema.ts";
import { fillTemplate, type TemplateValues } from "./template-variables.ts";

/**
 * The e-mail a template makes for one candidate, in their language: the subject and body filled in, the
 * body's blank lines making paragraphs, then the link to 応募した求人 and the recruiting office's signature.
 */
export function composeStageEmail(input: {
  template: { subject: BothLanguages; body: BothLanguages };
  locale: Locale;
  values: TemplateValues;
  applicationsUrl: string;
  orgName: string;
}): { subject: string; textBody: string; htmlBody: string } {
  const t = mailTexts(input.locale);
  const body = fillTemplate(input.template.body[input.locale], input.values).replace(/\r\n?/g, "\n");
  const [greeting = "", ...paragraphs] = body
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return composeEmail({
    locale: input.locale,
    subject: fillTemplate(input.template.subject[input.locale], input.values).replace(/\s+/g, " ").trim(),
    greeting,
    paragraphs,
    link: { label: t("mail.submitted.link"), url: input.applicationsUrl },
    signature: t("mail.signature", { org: input.orgName }),
  });
}
