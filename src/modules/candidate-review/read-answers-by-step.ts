import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { may, type StaffPrincipal } from "../access/policy.ts";
import { questionSetOf } from "../applications/application-store.ts";
import type { AnswerValue } from "../applications/question-answers.ts";
import type { QuestionPageId, TQuestion } from "../applications/question-set.ts";
import { type Application, applicationAnswers } from "../applications/schema.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { LocalisedText } from "../jobs/schema.ts";

/** One question with the candidate's answer; a sensitive one not revealed says nothing, not even whether it was answered. */
export type ReviewedAnswer =
  | { question: TQuestion; state: "answered"; value: AnswerValue; answeredAt: Date; sensitive: boolean }
  | { question: TQuestion; state: "unanswered" }
  | { question: TQuestion; state: "hidden" };

export type ReviewedPage = { id: QuestionPageId; step: number; title: LocalisedText; answers: ReviewedAnswer[] };

export type AnswersByStep = {
  /** The version of the question set the application answers: the question texts are that version's. */
  questionSetVersion: number;
  pages: ReviewedPage[];
  /** Whether this page view shows the sensitive answers (after a stated reason, audited). */
  sensitiveShown: boolean;
  /** How many questions of the set are sensitive. */
  sensitiveQuestions: number;
};

/** A stated reason to see sensitive answers, and where it came from, for the audit entry. */
export type SensitiveReveal = { reason: string; now: Date; addressHash?: string };

/**
 * The answers of an application by step, with the question texts of the application's own question-set
 * version. The voluntary self-identification is never read here: it lives in its own table, and its
 * questions are left out. Sensitive answers are hidden unless `reveal` is given and the policy lets this
 * member see them; then the view is written to the audit log with the reason before anything is returned.
 */
export async function readAnswersByStep(
  db: Db,
  input: { application: Pick<Application, "id" | "candidateId" | "jobId" | "questionSetId">; principal: StaffPrincipal; reveal?: SensitiveReveal },
): Promise<AnswersByStep> {
  const { application, principal, reveal } = input;
  const set = await questionSetOf(db, application);
  const rows = await db.select().from(applicationAnswers).where(eq(applicationAnswers.applicationId, application.id));
  const stored = new Map(rows.map((r) => [r.questionKey, r]));
  const isSensitive = (q: TQuestion) => q.sensitivity === "sensitive" || stored.get(q.key)?.sensitive === "sensitive";
  const sensitiveQuestions = set.pages.flatMap((p) => p.questions).filter((q) => q.sensitivity !== "self-identification" && isSensitive(q));
  const resource = { kind: "application", candidateId: application.candidateId, jobIds: [application.jobId] } as const;
  const show = Boolean(reveal) && may(principal, "viewSensitive", resource);
  if (show && reveal) {
    await recordAudit(db, {
      at: reveal.now,
      staffId: principal.id,
      action: "candidate.sensitive_viewed",
      record: { kind: "application", id: application.id },
      candidateId: application.candidateId,
      addressHash: reveal.addressHash ?? null,
      detail: { reason: reveal.reason, questions: sensitiveQuestions.map((q) => q.key) },
    });
  }
  const pages = set.pages
    .map((page) => ({
      id: page.id,
      step: page.step,
      title: page.title,
      answers: page.questions
        .filter((q) => q.sensitivity !== "self-identification")
        .map((question): ReviewedAnswer => {
          const sensitive = isSensitive(question);
          if (sensitive && !show) return { question, state: "hidden" };
          const row = stored.get(question.key);
          return row ? { question, state: "answered", value: row.value, answeredAt: row.answeredAt, sensitive } : { question, state: "unanswered" };
        }),
    }))
    .filter((page) => page.id !== "self-identification" && page.answers.length > 0);
  return { questionSetVersion: set.version, pages, sensitiveShown: show, sensitiveQuestions: sensitiveQuestions.length };
}
