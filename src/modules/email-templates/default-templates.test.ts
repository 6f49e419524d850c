import { describe, expect, it } from "vitest";
import { MOVE_TARGETS } from "../pipeline/move-targets.ts";
import { composeStageEmail } from "./compose-stage-email.ts";
import { readDefaultTemplates } from "./default-templates.ts";

describe("the default e-mail templates", () => {
  it("give every stage a template, in both languages, with only known placeholders", async () => {
    const defaults = await readDefaultTemplates();
    expect(defaults.map((t) => t.stage).sort()).toEqual([...MOVE_TARGETS].sort());
    expect(new Set(defaults.map((t) => t.key)).size).toBe(defaults.length);
  });

  it("write to a first-time applicant as one, by name, never as a returning customer", async () => {
    for (const template of await readDefaultTemplates()) {
      for (const locale of ["ja", "en"] as const) {
        const mail = composeStageEmail({
          template,
          locale,
          values: {
            name: "山田 花子",
            job: "お客様対応スタッフ",
            jobId: "230107874",
            reference: "2611-ABC234",
            org: "サンプル商事",
            helpEmail: "help@example.jp",
          },
          applicationsUrl: "https://jobs.example.jp/account/applications",
          orgName: "サンプル商事",
        });
        expect(mail.textBody, template.key).toMatch(locale === "ja" ? /^山田 花子 様\n/ : /^Dear 山田 花子,\n/);
        expect(mail.textBody, template.key).not.toContain("いつもご利用");
        expect(mail.textBody, template.key).not.toMatch(/\{\w*\}/);
        expect(mail.textBody, template.key).toContain("https://jobs.example.jp/account/applications");
        // A line break inside a paragraph stays one in HTML.
        if (locale === "ja" && template.key === "screening") expect(mail.htmlBody).toContain("書類選考を開始いたしました。<br/>選考結果は");
      }
    }
  });
});
