import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { buildZip, docxEntries, jpegPhoto, minimalPdf, pdfWith } from "./document-fixtures.ts";
import type { DocumentVerdict } from "./document-verdict.ts";
import { inspectDocument } from "./inspect-document.ts";
import { createInspectionPool, type InspectionPool } from "./inspection-pool.ts";

const pools: InspectionPool[] = [];
const pool = (options?: Parameters<typeof createInspectionPool>[0]) => {
  const created = createInspectionPool(options);
  pools.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((created) => created.close()));
});

/** A 9 MB PDF made of a million names, which takes the inspection a few hundred milliseconds of plain JavaScript. */
function heavyPdf(): Uint8Array {
  const names = Array.from({ length: 2000 }, (_, index) => `/Name${index}`).join(" ");
  return pdfWith({ objects: Array.from({ length: 500 }, () => `<< /Names [${names}] >>`) });
}

/** Runs `work` while a 5 ms timer ticks, and returns the longest the timer had to wait between two ticks. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work();
    // One more tick, so a stall at the very end is counted too.
    await sleep(30);
  } finally {
    clearInterval(ticker);
  }
  return longest;
}

describe("createInspectionPool", () => {
  it("gives the same verdicts as inspecting in place, with a photo's cleaned bytes", async () => {
    const inspections = pool();
    for (const [bytes, fileName] of [
      [minimalPdf(), "a.pdf"],
      [buildZip(docxEntries()), "a.docx"],
      [jpegPhoto(), "a.jpg"],
      [new TextEncoder().encode("#!/bin/sh\n"), "a.pdf"],
    ] as const) {
      // Bytes come back from the worker as a plain Uint8Array, whatever view type went in.
      const plain = (verdict: DocumentVerdict) => (verdict.ok ? { ...verdict, bytes: new Uint8Array(verdict.bytes) } : verdict);
      const expected = plain(await inspectDocument({ bytes: bytes.slice(), fileName }));
      expect(plain(await inspections.inspect({ bytes, fileName })), fileName).toEqual(expected);
    }
  });

  it("moves a large upload's buffer to the worker instead of copying it, and hands bytes back", async () => {
    const upload = pdfWith({ objects: [`<< /Padding (${"x".repeat(1024 * 1024)}) >>`] });
    const length = upload.length;
    const verdict = await pool().inspect({ bytes: upload, fileName: "a.pdf" });
    expect(upload.byteLength).toBe(0);
    expect(verdict).toMatchObject({ ok: true, kind: "pdf", size: length });
    expect(verdict.ok && verdict.bytes.length).toBe(length);
  });

  it("copies a view into a shared buffer rather than taking the buffer from under its other users", async () => {
    const shared = new Uint8Array(minimalPdf().length + 8);
    const pdf = minimalPdf();
    shared.set(pdf, 8);
    const view = shared.subarray(8);
    expect(await pool().inspect({ bytes: view, fileName: "a.pdf" })).toMatchObject({ ok: true, kind: "pdf" });
    expect(view.length).toBe(pdf.length);
  });

  it("refuses empty and oversized uploads without starting a worker", async () => {
    const inspections = pool();
    expect(await inspections.inspect({ bytes: new Uint8Array(), fileName: "a.pdf" })).toEqual({ ok: false, reason: "empty" });
    expect(await inspections.inspect({ bytes: new Uint8Array(11 * 1024 * 1024), fileName: "a.pdf" })).toEqual({ ok: false, reason: "too-large" });
    expect(inspections.load().workers).toBe(0);
  });

  it("runs at most `concurrency` at once, queues up to `maxQueued`, and answers busy beyond that", async () => {
    const inspections = pool({ concurrency: 1, maxQueued: 1 });
    const first = inspections.inspect({ bytes: heavyPdf(), fileName: "a.pdf" });
    const second = inspections.inspect({ bytes: minimalPdf(), fileName: "b.pdf" });
    expect(inspections.load()).toEqual({ running: 1, queued: 1, workers: 1 });
    expect(await inspections.inspect({ bytes: minimalPdf(), fileName: "c.pdf" })).toEqual({ ok: false, reason: "busy" });
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ ok: true });
    expect(inspections.load()).toEqual({ running: 0, queued: 0, workers: 1 });
  });

  it("stops a worker that overruns its time, refuses that upload, and goes on with a new worker", async () => {
    const inspections = pool({ concurrency: 1, timeoutMs: 1 });
    expect(await inspections.inspect({ bytes: heavyPdf(), fileName: "a.pdf" })).toEqual({ ok: false, reason: "inspection-failed" });
    expect(inspections.load().workers).toBe(0);
    expect(await inspections.inspect({ bytes: minimalPdf(), fileName: "b.pdf" })).toEqual({ ok: false, reason: "inspection-failed" });
  });

  it("answers the uploads still waiting when it closes", async () => {
    const inspections = pool({ concurrency: 1 });
    const running = inspections.inspect({ bytes: heavyPdf(), fileName: "a.pdf" });
    const waiting = inspections.inspect({ bytes: minimalPdf(), fileName: "b.pdf" });
    await inspections.close();
    expect(await waiting).toEqual({ ok: false, reason: "busy" });
    expect(await running).toEqual({ ok: false, reason: "busy" });
    expect(await inspections.inspect({ bytes: minimalPdf(), fileName: "c.pdf" })).toEqual({ ok: false, reason: "busy" });
  });

  it("keeps the event loop responsive while a large upload is inspected, unlike inspecting in place", async () => {
    const inspections = pool();
    // A first inspection starts the worker, so its start-up is not what is measured.
    await inspections.inspect({ bytes: minimalPdf(), fileName: "warm.pdf" });

    const [one, other] = [heavyPdf(), heavyPdf()];
    const inPlace = await longestStall(() => inspectDocument({ bytes: one, fileName: "a.pdf" }));
    const inPool = await longestStall(() => inspections.inspect({ bytes: other, fileName: "a.pdf" }));
    const measured = `longest stall in place ${Math.round(inPlace)} ms, in the pool ${Math.round(inPool)} ms`;
    // The upload is heavy enough that inspecting it in place stalls the loop for a noticeable time...
    expect(inPlace, measured).toBeGreaterThan(150);
    // ...and the pool keeps every stall to a small part of that, with room for a busy machine's scheduling.
    expect(inPool, measured).toBeLessThan(inPlace / 3);
  });
});
