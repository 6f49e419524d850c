/** Fewest survey responses before any of its answers is shown: a handful of answers could point to a person. */
export const SURVEY_MINIMUM_RESPONSES = 5;

export type SurveyQuestionFigures = {
  questionId: string;
  /** Responses that answered this question. */
  answered: number;
  /** How many chose each point of the agreement scale, 1 to 5. */
  counts: [number, number, number, number, number];
  mean: number | null;
};

export type SurveyFigures = { status: "not-enough-responses"; minimum: number } | { status: "shown"; responses: number; questions: SurveyQuestionFigures[] };

/**
 * The survey's answers per question: counts on the 1–5 scale and the mean. Nothing at all is shown below
 * the minimum number of responses, and a question answered by fewer than the minimum shows no counts.
 */
export function summariseSurvey(questionIds: readonly string[], responses: readonly Record<string, number>[]): SurveyFigures {
  if (responses.length < SURVEY_MINIMUM_RESPONSES) return { status: "not-enough-responses", minimum: SURVEY_MINIMUM_RESPONSES };
  return {
    status: "shown",
    responses: responses.length,
    questions: questionIds.map((questionId) => {
      const values = responses.flatMap((r) => {
        const v = r[questionId];
        return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5 ? [v] : [];
      });
      const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const v of values) counts[v - 1] = (counts[v - 1] ?? 0) + 1;
      const shown = values.length >= SURVEY_MINIMUM_RESPONSES;
      return {
        questionId,
        answered: values.length,
        counts: shown ? counts : [0, 0, 0, 0, 0],
        mean: shown ? values.reduce((a, b) => a + b, 0) / values.length : null,
      };
    }),
  };
}
