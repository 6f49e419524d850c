import { describe, expect, it } from "vitest";
import { endOfJapanDay, jobDraftSchema, jobFormValues } from "./job-form.ts";
import { jobStatusAfter } from "./job-state.ts";
import type { Job } from "./schema.ts";

const schema = jobDraftSchema({ questionSets: ["230107874"], banks: ["csa-ja"] });

const form = (overrides: Record<string, string> = {}) => ({
  titleJa: "【在宅】お客様対応（チャット）",
  titleEn: "Customer Service (chat)",
  teamJa: "チャット窓口",
  teamEn: "Chat desk",
  summaryJa: "チャットで対応します。",
  summaryEn: "Answer by chat.",
  descriptionJa: "一段落目です。\r\n\r\n  二段落目です。  \n",
  descriptionEn: "First.\nSecond.",
  hoursJa: "9:00〜18:00",
  hoursEn: "9:00 to 18:00",
  employmentType: "PART_TIME",
  remote: "remote",
  payMin: "",
  payMax: "",
  validThrough: "２０２７/３/３１",
  questionSet: "230107874",
  assessmentBank: "csa-ja",
  ...overrides,
});

describe("the job editor's form", () => {
  it("reads paragraphs one a line, keeps full-width punctuation, and reads the closing date as the end of that day in Japan", () => {
    const parsed = schema.safeParse(form());
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    expect(parsed.data.description.ja).toEqual(["一段落目です。", "二段落目です。"]);
    expect(parsed.data.title.ja).toBe("【在宅】お客様対応（チャット）");
    expect(parsed.data.validThrough.toISOString()).toBe("2027-03-31T14:59:59.000Z");
    expect(parsed.data.pay).toBeNull();
    expect(parsed.data.location).toBeNull();
  });

  it("lists every problem at once, cross-field rules included, by message key", () => {
    const parsed = schema.safeParse(
      form({ titleEn: " ", remote: "hybrid", payMin: "1500", payMax: "1,200", validThrough: "2027-02-30", assessmentBank: "other" }),
    );
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["titleEn", "office.jobs.error.titleEn.required"],
        ["validThrough", "office.jobs.error.validThrough.invalid"],
        ["assessmentBank", "office.jobs.error.assessmentBank.required"],
        ["prefecture", "office.jobs.error.prefecture.required"],
        ["localityJa", "office.jobs.error.localityJa.required"],
        ["payMax", "office.jobs.error.payRange"],
      ]),
    );
  });

  it("shows a stored job in the form as it reads it back", () => {
    const parsed = schema.safeParse(
      form({ remote: "onsite", prefecture: "13", localityJa: "千代田区", localityEn: "Chiyoda", payMin: "1400", payMax: "1600", payUnit: "HOUR" }),
    );
    if (!parsed.success) throw new Error("valid form refused");
    const job = { id: "240000010", ...parsed.data, countryCode: "JP", status: "draft", revision: 1 } as unknown as Job;
    expect(schema.parse(jobFormValues(job))).toEqual(parsed.data);
  });

  it("takes no impossible day", () => {
    expect(endOfJapanDay("2026-02-29")).toBeNull();
    expect(endOfJapanDay("2028-02-29")?.toISOString()).toBe("2028-02-29T14:59:59.000Z");
  });
});

describe("a job's status", () => {
  it("moves draft → open → closed → open, and no other way", () => {
    expect(jobStatusAfter("draft", "publish")).toBe("open");
    expect(jobStatusAfter("open", "close")).toBe("closed");
    expect(jobStatusAfter("closed", "publish")).toBe("open");
    expect(jobStatusAfter("draft", "close")).toBeNull();
    expect(jobStatusAfter("open", "publish")).toBeNull();
  });
});
