import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";

/**
 * Folds the stage-count changes into one row per job and state (housekeeping). Safe beside writers and
 * other instances: the rows it deletes are the ones it sums, and changes appended meanwhile stay for the
 * next fold. Returns how many rows it removed.
 */
export async function foldStageCounts(db: Db): Promise<number> {
  const result = await db.execute(sql`
    WITH folded AS (DELETE FROM application_stage_counts RETURNING job_id, state, delta),
    kept AS (
      INSERT INTO application_stage_counts (job_id, state, delta)
      SELECT job_id, state, sum(delta)::int FROM folded GROUP BY job_id, state HAVING sum(delta) <> 0
      RETURNING 1)
    SELECT (SELECT count(*) FROM folded)::int - (SELECT count(*) FROM kept)::int AS removed`);
  return Number((result as unknown as { rows: { removed: number }[] }).rows[0]?.removed ?? 0);
}
