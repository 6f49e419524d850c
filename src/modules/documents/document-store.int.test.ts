import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../../test/database.ts";
import { newCandidate } from "../../../test/portal.ts";
import type { Database } from "../../platform/db/database.ts";
import { PROJECT_ROOT } from "../../platform/project-root.ts";
import { applications } from "../applications/schema.ts";
import { seedJobs } from "../jobs/job-content.ts";
import { findJob } from "../jobs/job-repo.ts";
import { currentJobVersion } from "../jobs/job-versions.ts";
import { listDocuments, readDocumentFor, saveDocument } from "./document-store.ts";
import { jpegPhoto, minimalPdf, pdfWith } from "./inspection/document-fixtures.ts";
import { createInspectionPool } from "./inspection/index.ts";

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.close());

async function demoJobVersion(): Promise<string> {
  await seedJobs(database.db, path.join(PROJECT_ROOT, "content/jobs"));
  const job = await findJob(database.db, "230107874");
  if (!job) throw new Error("the demo job did not seed");
  return currentJobVersion(database.db, job, new Date());
}

const upload = (candidateId: string, bytes: Uint8Array, fileName: string) => ({ candidateId, label: "", note: "", bytes, fileName, now: new Date() });

describe("saveDocument", () => {
  it("stores a photo as the inspection cleaned it, without its location", async () => {
    const { candidate } = await newCandidate(database.db);
    const photo = jpegPhoto();
    expect(Buffer.from(photo).includes("GPSLatitude")).toBe(true);
    const saved = await saveDocument(database.db, upload(candidate.id, photo, "IMG_0001.jpg"));
    expect(saved).toMatchObject({ ok: true, document: { kind: "jpeg", mediaType: "image/jpeg" } });
    if (!saved.ok) return;
    const stored = await readDocumentFor(database.db, { principal: { kind: "candidate", id: candidate.id }, documentId: saved.document.id });
    expect(stored?.content.includes("GPSLatitude")).toBe(false);
    expect(stored?.sizeBytes).toBe(stored?.content.length);
    expect(stored?.sha256).toBe(
      createHash("sha256")
        .update(stored?.content ?? "")
        .digest("hex"),
    );
  });

  it("stores nothing and answers busy when the inspection queue is full", async () => {
    const { candidate } = await newCandidate(database.db);
    const pool = createInspectionPool({ concurrency: 1, maxQueued: 0 });
    try {
      const slow = pdfWith({ objects: [`<< /Names [${Array.from({ length: 200_000 }, (_, index) => `/N${index}`).join(" ")}] >>`] });
      const first = saveDocument(database.db, { ...upload(candidate.id, slow, "a.pdf"), pool });
      const second = await saveDocument(database.db, { ...upload(candidate.id, minimalPdf(), "b.pdf"), pool });
      expect(second).toEqual({ ok: false, reason: "busy" });
      expect(await first).toMatchObject({ ok: true });
      expect(await listDocuments(database.db, candidate.id)).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});

describe("readDocumentFor staff", () => {
  const staff = (role: "recruiter" | "reviewer", jobIds: string[]) =>
    ({ kind: "staff", id: "0b6f4e38-0000-4000-8000-0000000000bb", role, jobIds, mayViewSensitive: false }) as const;

  it("reaches a document only through an application it was sent with, for staff of that application's job", async () => {
    const { candidate } = await newCandidate(database.db);
    const sent = await saveDocument(database.db, upload(candidate.id, minimalPdf(), "r.pdf"));
    const kept = await saveDocument(database.db, upload(candidate.id, minimalPdf(8), "cv.pdf"));
    if (!sent.ok || !kept.ok) throw new Error("document refused");
    await database.db.insert(applications).values({
      id: randomUUID(),
      reference: "T-DOC-1",
      candidateId: candidate.id,
      jobId: "230107874",
      questionSetId: randomUUID(),
      state: "submitted",
      jobVersionId: await demoJobVersion(),
      documentIds: [sent.document.id],
    });
    const read = (principal: ReturnType<typeof staff>, documentId: string) => readDocumentFor(database.db, { principal, documentId });
    expect((await read(staff("reviewer", ["230107874"]), sent.document.id))?.id).toBe(sent.document.id);
    expect(await read(staff("reviewer", ["230107874"]), kept.document.id)).toBeNull();
    expect(await read(staff("recruiter", ["999999999"]), sent.document.id)).toBeNull();
  });
});
