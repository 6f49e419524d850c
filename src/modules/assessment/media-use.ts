/**
 * Audio plays and transcripts, as the player reports them. Neither is an integrity signal: plays are
 * counted so the server can hold an item to its `maxPlays`, and a transcript is an accommodation, kept on
 * the answer row so the "too fast" signal reads the transcript instead of the clip.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import type { SituationItem } from "./bank/index.ts";

export type PlayOutcome = { ok: true; plays: number } | { ok: false; reason: "limit" | "closed" };

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Counts one play of an item's clip, or refuses it when the item's `maxPlays` is used up, in one
 * statement: the answer row's lock makes two plays at once count as two, so a limit cannot be passed by
 * racing. The player asks before each play from the beginning (or after the clip ended); resuming after a
 * pause is not a play. Refused once the attempt is no longer in progress.
 */
export async function recordPlay(db: Db, input: { attemptId: string; item: SituationItem; shownAt: Date }): Promise<PlayOutcome> {
  const max = input.item.media?.maxPlays ?? null;
  const result = await db.execute(sql`
    WITH attempt AS (
      SELECT id FROM assessment_attempts WHERE id = ${input.attemptId} AND state = 'in_progress'
    ),
    counted AS (
      INSERT INTO assessment_answers AS a (attempt_id, item_id, item_version, first_shown_at, plays)
      SELECT id, ${input.item.id}, ${input.item.version}, ${input.shownAt.toISOString()}::timestamptz, 1 FROM attempt
      ON CONFLICT (attempt_id, item_id) DO UPDATE SET plays = a.plays + 1
      WHERE ${max}::int IS NULL OR a.plays < ${max}::int
      RETURNING a.plays
    )
    SELECT (SELECT plays FROM counted) AS plays, (SELECT count(*) FROM attempt)::int AS open`);
  const [row] = rowsOf<{ plays: number | null; open: number }>(result);
  if (!row || Number(row.open) === 0) return { ok: false, reason: "closed" };
  return row.plays === null ? { ok: false, reason: "limit" } : { ok: true, plays: Number(row.plays) };
}

/** Notes that the candidate read an item's transcript (an accommodation); nothing once the attempt is closed. */
export async function recordTranscriptUse(db: Db, input: { attemptId: string; item: SituationItem; shownAt: Date }): Promise<boolean> {
  const result = await db.execute(sql`
    INSERT INTO assessment_answers AS a (attempt_id, item_id, item_version, first_shown_at, transcript_used)
    SELECT id, ${input.item.id}, ${input.item.version}, ${input.shownAt.toISOString()}::timestamptz, true
    FROM assessment_attempts WHERE id = ${input.attemptId} AND state = 'in_progress'
    ON CONFLICT (attempt_id, item_id) DO UPDATE SET transcript_used = true
    RETURNING a.item_id`);
  return rowsOf(result).length > 0;
}
