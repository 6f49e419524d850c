/**
 * `npm run retention -- --dry-run [--at YYYY-MM-DD]`: what the retention schedule would remove today, or on a
 * given day (counted from the end of that day in Japan), per rule; recorded as a dry run, nothing removed.
 * Without --dry-run, applies the schedule now, as the worker does once a day.
 */
import { parseArgs } from "node:util";
import { applyRetention } from "../src/modules/privacy/apply-retention.ts";
import { RETENTION_RULES, retentionScheduleOf } from "../src/modules/privacy/retention-schedule.ts";
import { runCommand, withPortalDatabase } from "./portal-command.ts";

const USAGE = "usage: npm run retention -- [--dry-run [--at YYYY-MM-DD]]";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false }, at: { type: "string" } } });
  const dryRun = values["dry-run"] ?? false;
  if (values.at !== undefined && (!dryRun || !/^\d{4}-\d{2}-\d{2}$/.test(values.at))) {
    console.error(USAGE);
    return 2;
  }
  const clock = values.at ? new Date(`${values.at}T23:59:59+09:00`) : new Date();
  if (Number.isNaN(clock.getTime())) {
    console.error(USAGE);
    return 2;
  }
  return withPortalDatabase(async (config, database) => {
    const schedule = retentionScheduleOf(config.retention);
    const run = await applyRetention(
      { db: database.db, now: () => new Date(), secret: config.secret, orgName: config.orgName },
      { schedule, clock, dryRun, trigger: "command" },
    );
    console.log(`${dryRun ? "dry run" : "run"} as of ${clock.toISOString()}`);
    for (const rule of RETENTION_RULES) console.log(`${rule}\t${run.report[rule] ?? 0}`);
    return 0;
  });
}

runCommand(main);
