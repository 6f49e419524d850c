import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Why an application was left where it was by a move. */
export type MoveSkipReason = "notFound" | "notAllowed" | "sameOrFinal";

/**
 * One bulk move as the member sent it from the pipeline: the form's own id, so a second submit of the same
 * form finds this row and moves nothing; what was moved and skipped, shown on the page after the move.
 * Holds ids only: names are read again, through the access policy, when the page is shown.
 */
export const pipelineMoves = pgTable(
  "pipeline_moves",
  {
    id: uuid("id").primaryKey(),
    staffId: uuid("staff_id").notNull(),
    jobId: text("job_id").notNull(),
    toStage: text("to_stage").notNull(),
    /** A digest of what was asked (applications, stage, e-mail, time): the same form sent with other choices is refused. */
    requestDigest: text("request_digest").notNull(),
    templateKey: text("template_key"),
    templateVersion: integer("template_version"),
    sendAt: ts("send_at"),
    moved: jsonb("moved").$type<string[]>(),
    skipped: jsonb("skipped").$type<{ id: string; reason: MoveSkipReason }[]>(),
    createdAt: ts("created_at").notNull(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("pipeline_moves_staff_idx").on(t.staffId, t.createdAt)],
);

export type PipelineMove = typeof pipelineMoves.$inferSelect;

/**
 * How many applications each job has in each state, kept as changes: database triggers on applications
 * (the pipeline_and_templates migration) append +1 and -1 rows as applications are created, change state or are removed, so no
 * two writers ever wait on one counter, and housekeeping folds the rows into one per job and state. The
 * pipeline's stage counts read the sum, a few rows, instead of counting 100 000 applications per page.
 */
export const applicationStageCounts = pgTable(
  "application_stage_counts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: text("job_id").notNull(),
    state: text("state").notNull(),
    delta: integer("delta").notNull(),
  },
  (t) => [index("application_stage_counts_job_idx").on(t.jobId, t.state)],
);
