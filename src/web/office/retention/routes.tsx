import type { FastifyInstance } from "fastify";
import { recordAudit } from "../../../modules/audit/audit-log.ts";
import { applyRetention, recentRetentionRuns } from "../../../modules/privacy/apply-retention.ts";
import { retentionScheduleOf } from "../../../modules/privacy/retention-schedule.ts";
import { listStaff } from "../../../modules/staff/staff-directory.ts";
import { addressHashOf } from "../../../modules/staff/staff-sign-in.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { STAFF } from "../../route-access.ts";
import { staffOf } from "../signed-in.ts";
import { RetentionPage } from "./views.tsx";

/** 保存期間 (admins): the retention schedule as configured, its recent runs, and a dry run on request. */
export async function retentionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const schedule = retentionScheduleOf(deps.config.retention);

  app.get("/retention", STAFF("privacy.manage"), async (req, reply) => {
    const runs = await recentRetentionRuns(deps.db);
    const asked = (req.query as { run?: unknown }).run;
    const shown = typeof asked === "string" ? (runs.find((r) => r.id === asked && r.dryRun) ?? null) : null;
    const names = new Map((await listStaff(deps.db)).map((s) => [s.id, s.name]));
    return reply.page(<RetentionPage schedule={schedule} runs={runs} names={names} dryRun={shown} />);
  });

  app.post("/retention/dry-run", STAFF("privacy.manage"), async (req, reply) => {
    const staffId = staffOf(req).member.id;
    const run = await applyRetention(
      { db: deps.db, now: deps.now, secret: deps.config.secret, orgName: deps.config.orgName },
      { schedule, clock: deps.now(), dryRun: true, trigger: "office", staffId },
    );
    await recordAudit(deps.db, {
      at: deps.now(),
      staffId,
      action: "retention.dry_run",
      record: { kind: "retention_run", id: run.id },
      addressHash: addressHashOf(deps.config.secret, req.ip),
      detail: { report: run.report },
    });
    return reply.seeOther(`/office/retention?run=${run.id}#dry-run`);
  });
}
