import { describe, expect, it } from "vitest";
import { fillTemplate, findTemplateTextProblems } from "./template-variables.ts";

const values = {
  name: "山田 花子",
  job: "【在宅】お客様対応スタッフ",
  jobId: "230107874",
  reference: "2611-ABC234",
  org: "サンプル商事",
  helpEmail: "help@example.jp",
};

describe("template text", () => {
  it("knows its placeholders and finds unknown ones and stray braces", () => {
    expect(findTemplateTextProblems("{name} 様、{org}の{job}（{jobId}）。応募番号：{reference} {helpEmail}")).toEqual({ unknown: [], strayBrace: false });
    expect(findTemplateTextProblems("{name} 様 {firstName} {NAME} {name}")).toEqual({ unknown: ["{firstName}", "{NAME}"], strayBrace: false });
    expect(findTemplateTextProblems("{name 様")).toEqual({ unknown: [], strayBrace: true });
    expect(findTemplateTextProblems("name} 様")).toEqual({ unknown: [], strayBrace: true });
    expect(findTemplateTextProblems("{}")).toEqual({ unknown: ["{}"], strayBrace: false });
  });

  it("fills every placeholder, each value on one line", () => {
    expect(fillTemplate("{name} 様\n{org}「{job}」", { ...values, name: "山田\n花子" })).toBe("山田 花子 様\nサンプル商事「【在宅】お客様対応スタッフ」");
  });

  it("inserts a value as text, never as more placeholders", () => {
    expect(fillTemplate("{name}", { ...values, name: "{org}" })).toBe("{org}");
  });
});
