import { Worker } from "node:worker_threads";
import { type DocumentVerdict, MAX_DOCUMENT_BYTES, refuseDocument } from "./document-verdict.ts";
import type { InspectionRequest } from "./inspection-worker.ts";
import { ownedBytes, transferableBuffer } from "./transfer-bytes.ts";

/** How many inspections run at once, how many may wait, and how long and how much memory one may take. */
export type InspectionPoolOptions = {
  /** Inspections run at once, each in its own worker thread (default 2). */
  concurrency?: number;
  /** Uploads that may wait for a free worker (default 32); one more is answered `busy` at once. */
  maxQueued?: number;
  /** Longest one inspection may take (default 30 s); past it the worker is stopped and the upload refused. */
  timeoutMs?: number;
  /** Most heap one worker may use, in MiB (default 512); a worker that needs more dies, not the server. */
  workerHeapMb?: number;
};

/**
 * Inspects uploads in worker threads, so a large or hostile upload never holds up the event loop that
 * serves every other request. The verdict is `inspectDocument`'s, or `busy` when the queue is full, or
 * `inspection-failed` when a worker died or ran out of time.
 */
export type InspectionPool = {
  /**
   * Inspects one upload. The pool takes the bytes over: when they fill their own ArrayBuffer it is moved to
   * the worker, not copied, and the caller's view is left empty; use the verdict's `bytes` afterwards.
   */
  inspect: (input: { bytes: Uint8Array; fileName: string }) => Promise<DocumentVerdict>;
  /** Stops every worker; uploads still waiting are answered `busy`. */
  close: () => Promise<void>;
  /** Inspections running and waiting now, and workers started. */
  load: () => { running: number; queued: number; workers: number };
};

type Job = { request: InspectionRequest; resolve: (verdict: DocumentVerdict) => void };
type Slot = { worker: Worker; job: Job | undefined; timer: NodeJS.Timeout | undefined };

const DEFAULTS = { concurrency: 2, maxQueued: 32, timeoutMs: 30_000, workerHeapMb: 512 } as const;

/** Starts a pool of inspection workers; workers are started on demand and kept for the next upload. */
export function createInspectionPool(options: InspectionPoolOptions = {}): InspectionPool {
  const { concurrency, maxQueued, timeoutMs, workerHeapMb } = { ...DEFAULTS, ...options };
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError("concurrency must be a whole number of at least 1");
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const start = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => retire(slot, "inspection-failed"), timeoutMs);
    slot.timer.unref();
    const buffer = transferableBuffer(job.request.bytes);
    try {
      slot.worker.postMessage(job.request, buffer ? [buffer] : []);
    } catch {
      // A buffer Node marked as never to be moved is copied instead.
      slot.worker.postMessage(job.request);
    }
  };

  const finish = (slot: Slot, verdict: DocumentVerdict) => {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    job?.resolve(verdict);
    const next = queue.shift();
    if (next !== undefined) start(slot, next);
    // An idle worker must not keep the process alive on its own.
    else slot.worker.unref();
  };

  /** Stops a worker that died or took too long, refusing its upload, and starts the next upload on a new one. */
  const retire = (slot: Slot, reason: "inspection-failed" | "busy") => {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    void slot.worker.terminate();
    slot.job?.resolve(refuseDocument(reason));
    const next = closed ? undefined : queue.shift();
    if (next !== undefined) start(spawn(), next);
  };

  const spawn = (): Slot => {
    const entry = workerEntry();
    const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } });
    const slot: Slot = { worker, job: undefined, timer: undefined };
    worker.on("message", (message: { id: number; verdict: DocumentVerdict }) => {
      if (slot.job?.request.id === message.id) finish(slot, message.verdict);
    });
    worker.on("error", () => retire(slot, "inspection-failed"));
    worker.on("exit", () => retire(slot, "inspection-failed"));
    slots.push(slot);
    return slot;
  };

  return {
    inspect(input) {
      if (closed) return Promise.resolve(refuseDocument("busy"));
      // The two checks that need no parsing are made here, so an empty or oversized upload never reaches a worker.
      if (input.bytes.length === 0) return Promise.resolve(refuseDocument("empty"));
      if (input.bytes.length > MAX_DOCUMENT_BYTES) return Promise.resolve(refuseDocument("too-large"));
      const idle = slots.find((slot) => slot.job === undefined);
      if (idle === undefined && slots.length >= concurrency && queue.length >= maxQueued) return Promise.resolve(refuseDocument("busy"));
      return new Promise<DocumentVerdict>((resolve) => {
        const job: Job = { request: { id: nextId++, bytes: ownedBytes(input.bytes), fileName: input.fileName }, resolve };
        if (idle !== undefined) start(idle, job);
        else if (slots.length < concurrency) start(spawn(), job);
        else queue.push(job);
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve(refuseDocument("busy"));
      const stopping = slots.map((slot) => slot.worker);
      for (const slot of [...slots]) retire(slot, "busy");
      await Promise.all(stopping.map((worker) => worker.terminate()));
    },
    load() {
      return { running: slots.filter((slot) => slot.job !== undefined).length, queued: queue.length, workers: slots.length };
    },
  };
}

/**
 * Where the worker's code is. From source (tests, tsx) this module is `inspection-pool.ts` and the worker
 * starts through a loader for its TypeScript; in the bundle `npm start` builds, this code sits in
 * `dist/server.js` and the worker's own bundle, `inspection-worker.js`, beside it.
 */
function workerEntry(): URL {
  return import.meta.url.endsWith(".ts") ? new URL("./load-inspection-worker.mjs", import.meta.url) : new URL("./inspection-worker.js", import.meta.url);
}
