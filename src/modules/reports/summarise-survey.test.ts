import { describe, expect, it } from "vitest";
import { summariseSurvey } from "./summarise-survey.ts";

describe("the survey's figures", () => {
  it("show nothing under five responses", () => {
    expect(summariseSurvey(["q1"], [{ q1: 5 }, { q1: 4 }, { q1: 4 }, { q1: 1 }])).toEqual({ status: "not-enough-responses", minimum: 5 });
  });

  it("count each point and the mean per question, and hide a question answered fewer than five times", () => {
    const responses: Record<string, number>[] = [{ q1: 5, q2: 1 }, { q1: 4 }, { q1: 4 }, { q1: 1, q2: 9 }, { q1: 2 }];
    expect(summariseSurvey(["q1", "q2"], responses)).toEqual({
      status: "shown",
      responses: 5,
      questions: [
        { questionId: "q1", answered: 5, counts: [1, 1, 0, 2, 1], mean: 3.2 },
        { questionId: "q2", answered: 1, counts: [0, 0, 0, 0, 0], mean: null },
      ],
    });
  });
});
