import type { Db } from "../db/database.ts";
import { describeError } from "../http/errors.ts";
import { claimDueMessages, DEFAULT_RETRY, markDelivered, markFailed, type RetryPolicy } from "../mail/outbox.ts";
import type { Deliver } from "../mail/transport.ts";

export type OutboxWorker = {
  /** Drains what is due now; resolves when done (tests call it directly). */
  drain: () => Promise<number>;
  /** Asks for a drain soon, e.g. right after a message was enqueued. */
  nudge: () => void;
  /** Stops polling and waits for the message in hand. */
  stop: () => Promise<void>;
};

type Logger = { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/** Polls the outbox and delivers due messages, one at a time, with retries per the policy. */
export function startOutboxWorker(deps: {
  db: Db;
  deliver: Deliver;
  now: () => Date;
  log: Logger;
  policy?: RetryPolicy;
  pollMs?: number;
  autoStart?: boolean;
}): OutboxWorker {
  const policy = deps.policy ?? DEFAULT_RETRY;
  const pollMs = deps.pollMs ?? 1000;
  let stopped = false;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function drainOnce(): Promise<number> {
    let delivered = 0;
    for (;;) {
      if (stopped) return delivered;
      const batch = await claimDueMessages(deps.db, { now: deps.now(), limit: 10, leaseMs: 60_000 });
      if (batch.length === 0) return delivered;
      for (const message of batch) {
        try {
          await deps.deliver(message);
          await markDelivered(deps.db, message.id, deps.now());
          delivered++;
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          const outcome = await markFailed(deps.db, { id: message.id, now: deps.now(), error: text, policy });
          const log = outcome === "abandoned" ? deps.log.error : deps.log.warn;
          log.call(deps.log, { messageId: message.id, template: message.template, attempt: message.attempts + 1 }, `outbox delivery failed (${outcome})`);
        }
      }
    }
  }

  function drain(): Promise<number> {
    if (running) return running.then(() => drain());
    running = drainOnce().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      drain()
        .catch((error) => deps.log.error({ err: describeError(error) }, "outbox drain failed"))
        .finally(() => schedule(pollMs));
    }, delay);
    timer.unref();
  }

  if (deps.autoStart !== false) schedule(0);

  return {
    drain,
    nudge: () => {
      if (deps.autoStart !== false) schedule(0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
