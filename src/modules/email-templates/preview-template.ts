import type { Locale } from "../../platform/i18n/catalogue.ts";
import { composeStageEmail } from "./compose-stage-email.ts";
import type { BothLanguages } from "./schema.ts";
import type { TemplateValues } from "./template-variables.ts";

/** An invented candidate the editor's preview is written to, in each language. */
const SAMPLE: Record<Locale, Pick<TemplateValues, "name" | "job" | "jobId" | "reference">> = {
  ja: { name: "山田 花子", job: "お客様対応スタッフ", jobId: "230107874", reference: "2611-SAMPLE" },
  en: { name: "Hanako Yamada", job: "Customer Service Associate", jobId: "230107874", reference: "2611-SAMPLE" },
};

/** A template's e-mail as a sample candidate would receive it in one language, for the editor's preview. */
export function previewTemplate(input: {
  template: { subject: BothLanguages; body: BothLanguages };
  locale: Locale;
  orgName: BothLanguages;
  helpEmail: string;
  baseUrl: string;
}): { subject: string; textBody: string } {
  const { subject, textBody } = composeStageEmail({
    template: input.template,
    locale: input.locale,
    values: { ...SAMPLE[input.locale], org: input.orgName[input.locale], helpEmail: input.helpEmail },
    applicationsUrl: `${input.baseUrl}/account/applications`,
    orgName: input.orgName[input.locale],
  });
  return { subject, textBody };
}
