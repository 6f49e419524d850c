import type { Db } from "../db/database.ts";
import { describeError } from "../http/errors.ts";
import { claimDueJobs, failJob, finishJob } from "./background-jobs.ts";

/** What a job of one kind does with its payload. */
export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

/** A recurring clean-up: removes what has expired and says how many rows it removed. */
export type HousekeepingTask = { name: string; run: (now: Date) => Promise<number> };

export type JobRunner = {
  /** Runs every job due now; resolves with how many ran (tests call it directly). */
  drain: () => Promise<number>;
  /** Runs every housekeeping task once; resolves with rows removed per task. */
  housekeep: () => Promise<Record<string, number>>;
  /** Stops polling and waits for the work in hand. */
  stop: () => Promise<void>;
};

type Logger = { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/**
 * The worker's second half beside the outbox: queued jobs (off the request path) and housekeeping on a
 * schedule. Housekeeping deletes only what has expired, so several instances running it at once is harmless.
 */
export function startJobRunner(deps: {
  db: Db;
  now: () => Date;
  log: Logger;
  handlers: Record<string, JobHandler>;
  housekeeping: HousekeepingTask[];
  pollMs?: number;
  housekeepingMs?: number;
  autoStart?: boolean;
}): JobRunner {
  const pollMs = deps.pollMs ?? 2_000;
  const housekeepingMs = deps.housekeepingMs ?? 15 * 60_000;
  let stopped = false;
  let queue: Promise<unknown> = Promise.resolve();
  const timers: NodeJS.Timeout[] = [];

  async function drainOnce(): Promise<number> {
    let ran = 0;
    for (;;) {
      if (stopped) return ran;
      const batch = await claimDueJobs(deps.db, { now: deps.now(), limit: 10, leaseMs: 5 * 60_000 });
      if (batch.length === 0) return ran;
      for (const job of batch) {
        const handler = deps.handlers[job.kind];
        try {
          if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
          await handler(job.payload);
          await finishJob(deps.db, job.id, deps.now());
          ran++;
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          const outcome = await failJob(deps.db, { job, now: deps.now(), error: text });
          (outcome === "failed" ? deps.log.error : deps.log.warn).call(
            deps.log,
            { jobId: job.id, kind: job.kind, attempt: job.attempts },
            `job failed (${outcome})`,
          );
        }
      }
    }
  }

  async function housekeepOnce(): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    for (const task of deps.housekeeping) {
      if (stopped) break;
      removed[task.name] = await task.run(deps.now());
    }
    if (Object.values(removed).some((n) => n > 0)) deps.log.info({ removed }, "housekeeping");
    return removed;
  }

  /** One piece of work at a time, so stop() has one promise to wait for. */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.catch(() => undefined).then(work);
    queue = next;
    return next;
  }

  function every(ms: number, work: () => Promise<unknown>, what: string, first: number) {
    const tick = () => {
      if (stopped) return;
      exclusive(work)
        .catch((error) => deps.log.error({ err: describeError(error) }, `${what} failed`))
        .finally(() => {
          if (stopped) return;
          const timer = setTimeout(tick, ms);
          timer.unref();
          timers.push(timer);
        });
    };
    const timer = setTimeout(tick, first);
    timer.unref();
    timers.push(timer);
  }

  if (deps.autoStart !== false) {
    every(pollMs, drainOnce, "job drain", 0);
    every(housekeepingMs, housekeepOnce, "housekeeping", 5_000);
  }

  return {
    drain: () => exclusive(drainOnce),
    housekeep: () => exclusive(housekeepOnce),
    stop: async () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await queue.catch(() => undefined);
    },
  };
}
