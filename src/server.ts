import path from "node:path";
import pino from "pino";
import { buildApp } from "./app.ts";
import { housekeepingTasks, jobHandlers } from "./background-work.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { seedQuestionSets } from "./modules/applications/application-store.ts";
import { closeSharedInspectionPool, configureSharedInspectionPool } from "./modules/documents/shared-inspection-pool.ts";
import { seedDefaultTemplates } from "./modules/email-templates/default-templates.ts";
import { seedJobs } from "./modules/jobs/job-content.ts";
import { openDatabase } from "./platform/db/database.ts";
import { createEmbeddedDatabaseApart } from "./platform/db/embedded-first-start.ts";
import { ensureClientAssets } from "./platform/http/client-assets.ts";
import { logDestination } from "./platform/http/log-destination.ts";
import { createDeliver } from "./platform/mail/transport.ts";
import { PROJECT_ROOT } from "./platform/project-root.ts";
import { startJobRunner } from "./platform/worker/job-runner.ts";
import { startOutboxWorker } from "./platform/worker/outbox-worker.ts";

const root = PROJECT_ROOT;

async function main() {
  const started = Date.now();
  const config = await loadConfig();
  const logStream = logDestination();
  const log = pino({ level: config.logLevel }, logStream);
  configureSharedInspectionPool(config.documentInspection);
  const openTheDatabase = async () => {
    if (!config.databaseUrl) await createEmbeddedDatabaseApart(config.dataDir);
    return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  };
  const [database] = await Promise.all([openTheDatabase(), ensureClientAssets()]);
  const seeded = await seedJobs(database.db, path.join(root, "content/jobs"));
  await seedQuestionSets(database.db, path.join(root, "content/question-sets"), new Date());
  await seedDefaultTemplates(database.db, new Date());
  const transport = createDeliver({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const worker = startOutboxWorker({ db: database.db, deliver: transport.deliver, now: () => new Date(), log });
  const jobs = startJobRunner({
    db: database.db,
    now: () => new Date(),
    log,
    handlers: jobHandlers({ db: database.db, config, now: () => new Date(), nudgeOutbox: worker.nudge }),
    housekeeping: housekeepingTasks(database.db),
  });
  const app = await buildApp({ db: database.db, config, now: () => new Date(), nudgeOutbox: worker.nudge }, { logLevel: config.logLevel, logStream });
  await app.listen({ port: config.port, host: config.host });
  log.info(
    { database: database.kind, seededJobs: seeded, mail: config.smtpUrl ? "smtp" : "local mailbox", startupMs: Date.now() - started },
    `portal listening on ${config.publicBaseUrl}`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down: finishing requests in flight and the message in hand");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await closeSharedInspectionPool();
    await worker.stop();
    await jobs.stop();
    transport.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
