// The entry of each inspection worker thread (see inspection-pool.ts): inspects one upload per message and
// posts the verdict back, moving the bytes rather than copying them whenever they own their buffer.
import { parentPort } from "node:worker_threads";
import { type DocumentVerdict, refuseDocument } from "./document-verdict.ts";
import { inspectDocument } from "./inspect-document.ts";
import { transferableBuffer } from "./transfer-bytes.ts";

/** What the pool sends: one upload to inspect. */
export type InspectionRequest = { id: number; bytes: Uint8Array; fileName: string };

const port = parentPort;
if (port === null) throw new Error("inspection-worker.ts runs only as a worker thread");

port.on("message", async (request: InspectionRequest) => {
  let verdict: DocumentVerdict;
  try {
    verdict = await inspectDocument({ bytes: request.bytes, fileName: request.fileName });
  } catch {
    // The inspection turns hostile bytes into refusals itself; anything escaping it still refuses the upload.
    verdict = refuseDocument("inspection-failed");
  }
  const moved = verdict.ok ? transferableBuffer(verdict.bytes) : undefined;
  port.postMessage({ id: request.id, verdict }, moved ? [moved] : []);
});
