import type { Locale } from "../../platform/i18n/catalogue.ts";
import { normaliseText } from "../../platform/text/japanese-input.ts";
import type { TQuestion, TQuestionPage } from "./question-set.ts";

export type AnswerValue = string | string[];

/** What is wrong with one answer; `mustBe` has the question's own message in the question set. */
export type AnswerProblem = "invalid" | "tooLong" | "required" | "chooseAtLeastOne" | "consentRequired" | "mustBe" | "clarify";

export type PageAnswers = {
  answers: Record<string, AnswerValue>;
  /** Explicit consent given with a sensitive answer. */
  consents: Record<string, boolean>;
  /** Per field (a question's key, or `<key>Consent`): what is wrong with it. */
  problems: Record<string, AnswerProblem>;
  /** Everything the candidate typed or chose, accepted or not, to show again when the page has problems. */
  typed: Record<string, AnswerValue>;
};

/** Whether a sensitive free-text answer reports nothing (「無」): such an answer needs no consent. */
export function reportsNothing(q: TQuestion, value: AnswerValue): boolean {
  if (typeof value !== "string" || !q.nothingToReport) return false;
  const plain = normaliseText(value)
    .toLowerCase()
    .replace(/[。.\s]/g, "");
  return q.nothingToReport.some(
    (n) =>
      normaliseText(n)
        .toLowerCase()
        .replace(/[。.\s]/g, "") === plain,
  );
}

const DEFAULT_MAX = { text: 200, textarea: 2000 } as const;

function allowedValues(q: TQuestion): string[] {
  return q.type === "yesno" ? ["yes", "no"] : (q.options ?? []).map((o) => o.value);
}

/**
 * Reads one question page from a form body. With `mode: "continue"` every required answer must be there
 * and confirmations must be given; with `mode: "save"` whatever is valid is kept and missing answers wait.
 */
export function readQuestionPage(page: TQuestionPage, body: Record<string, unknown>, mode: "save" | "continue"): PageAnswers {
  const out: PageAnswers = { answers: {}, consents: {}, problems: {}, typed: {} };
  for (const q of page.questions) {
    const raw = body[q.key];
    const value = readOne(q, raw);
    const typed = typedText(q, raw);
    if (typed !== undefined) out.typed[q.key] = typed;
    if (value === "invalid") {
      out.problems[q.key] = "invalid";
      continue;
    }
    if (value === "tooLong") {
      out.problems[q.key] = "tooLong";
      continue;
    }
    if (value !== undefined) out.typed[q.key] = value;
    const empty = value === undefined || (Array.isArray(value) && value.length === 0);
    // Self-identification is voluntary by nature, whatever a question set says.
    const required = q.required && q.sensitivity !== "self-identification";
    if (empty) {
      if (mode === "continue" && required) out.problems[q.key] = q.type === "checkboxes" ? "chooseAtLeastOne" : "required";
      continue;
    }
    if (mode === "continue" && q.clarify?.answers.some((a) => (Array.isArray(value) ? value.includes(a) : value === a))) {
      // Kept, so the page shows the answer beside its explanation; it cannot complete the page.
      out.problems[q.key] = "clarify";
      out.answers[q.key] = value;
      continue;
    }
    if (q.sensitivity === "sensitive" && !reportsNothing(q, value)) {
      const consent = body[`${q.key}Consent`] === "yes";
      if (!consent) {
        // A sensitive answer is never stored without its own consent, in either mode.
        out.problems[`${q.key}Consent`] = "consentRequired";
        continue;
      }
      out.consents[q.key] = true;
    }
    if (mode === "continue" && q.mustBe !== undefined && value !== q.mustBe && q.mustBeMessage) out.problems[q.key] = "mustBe";
    out.answers[q.key] = value;
  }
  return out;
}

/** The text a candidate typed into a free-text question, even when it cannot be accepted (too long). */
function typedText(q: TQuestion, raw: unknown): string | undefined {
  if ((q.type !== "text" && q.type !== "textarea") || typeof raw !== "string") return undefined;
  return normaliseText(raw).slice(0, 5000);
}

function readOne(q: TQuestion, raw: unknown): AnswerValue | undefined | "invalid" | "tooLong" {
  if (raw === undefined || raw === "") return undefined;
  if (q.type === "checkboxes") {
    const list = Array.isArray(raw) ? raw : [raw];
    if (!list.every((v) => typeof v === "string")) return "invalid";
    const allowed = allowedValues(q);
    const chosen = [...new Set(list as string[])];
    return chosen.every((v) => allowed.includes(v)) ? chosen : "invalid";
  }
  if (typeof raw !== "string") return "invalid";
  if (q.type === "text" || q.type === "textarea") {
    const text = q.type === "textarea" ? normaliseText(raw).replace(/\r\n?/g, "\n") : normaliseText(raw).replace(/\s+/g, " ");
    if (text === "") return undefined;
    return text.length > (q.maxLength ?? DEFAULT_MAX[q.type]) ? "tooLong" : text;
  }
  if (q.type === "date") return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : "invalid";
  return allowedValues(q).includes(raw) ? raw : "invalid";
}

/** The first answer on the page that a knock-out rule names, if any. */
export function findKnockout(page: TQuestionPage, answers: Record<string, AnswerValue>): { question: TQuestion; answer: string } | null {
  for (const q of page.questions) {
    const a = answers[q.key];
    if (!q.knockout || a === undefined) continue;
    const hit = (Array.isArray(a) ? a : [a]).find((v) => q.knockout?.answers.includes(v));
    if (hit) return { question: q, answer: hit };
  }
  return null;
}

/** The label of a stored answer, in the page's language, for check-your-answers and staff views. */
export function answerLabel(q: TQuestion, value: AnswerValue | undefined, locale: Locale, yesNo: { yes: string; no: string }): string {
  if (value === undefined) return "";
  const one = (v: string) => (q.type === "yesno" ? (v === "yes" ? yesNo.yes : yesNo.no) : (q.options?.find((o) => o.value === v)?.label[locale] ?? v));
  return Array.isArray(value) ? value.map(one).join("、") : one(value);
}
