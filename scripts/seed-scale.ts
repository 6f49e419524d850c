/**
 * `npm run seed:scale -- --applications 100000 [--job 230107874]`: adds invented applications to a job on
 * the portal's database (DATABASE_URL, or the embedded one under DATA_DIR — stop the portal first then, as
 * the embedded database opens in one process at a time), to try the pipeline at scale. Demo data only.
 */

import path from "node:path";
import { parseArgs } from "node:util";
import { seedQuestionSets } from "../src/modules/applications/application-store.ts";
import { seedJobs } from "../src/modules/jobs/job-content.ts";
import { runCommand, withPortalDatabase } from "./portal-command.ts";
import { scaleApplications } from "./scale-applications.ts";

const USAGE = "usage: npm run seed:scale -- --applications N [--job 230107874]";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { applications: { type: "string" }, job: { type: "string" } } });
  const count = Number(values.applications ?? "100000");
  if (!Number.isInteger(count) || count < 1 || count > 2_000_000) {
    console.error(USAGE);
    return 2;
  }
  return withPortalDatabase(async (_config, database) => {
    const root = path.resolve(import.meta.dirname, "..");
    await seedJobs(database.db, path.join(root, "content/jobs"));
    await seedQuestionSets(database.db, path.join(root, "content/question-sets"), new Date());
    const started = performance.now();
    const written = await scaleApplications(database.db, { count, jobId: values.job ?? "230107874", now: new Date() });
    const seconds = (performance.now() - started) / 1000;
    console.log(`${written} applications written in ${seconds.toFixed(1)} s (${Math.round(written / seconds)} per second), database ${database.kind}`);
    return 0;
  });
}

runCommand(main);
