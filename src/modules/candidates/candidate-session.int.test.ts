import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, startTestPortal, type TestPortal } from "../../../test/portal.ts";
import { CANDIDATE_SESSIONS, startSession } from "../../platform/security/sessions.ts";
import { listOwnApplications, startApplication, withdrawApplication } from "../applications/application-store.ts";
import { listDocuments, saveDocument } from "../documents/document-store.ts";
import { minimalPdf } from "../documents/inspection/document-fixtures.ts";
import { findJob } from "../jobs/job-repo.ts";
import { resumeCandidateSession } from "./candidate-session.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

async function signedInWithApplication() {
  const { candidate } = await newCandidate(portal.db);
  const now = portal.clock.now();
  const id = await startSession(portal.db, { policy: CANDIDATE_SESSIONS, principalId: candidate.id, now });
  const started = await startApplication(portal.db, { candidateId: candidate.id, job: (await findJob(portal.db, "230107874"))!, now });
  if (!started.ok) throw new Error("the application did not start");
  return { candidate, id, applicationId: started.application.id };
}

describe("the signed-in candidate's session", () => {
  it("brings the candidate without the PIN's hash, which no page needs", async () => {
    const { candidate, id } = await signedInWithApplication();
    const found = await resumeCandidateSession(portal.db, { id, now: portal.clock.now() });
    expect(found?.candidate).toMatchObject({ id: candidate.id, email: candidate.email, familyName: candidate.familyName });
    expect(found?.candidate).not.toHaveProperty("pinHash");
    expect(found?.application).toBeNull();
  });

  it("brings the application a page is about only when it is this candidate's", async () => {
    const mine = await signedInWithApplication();
    const theirs = await signedInWithApplication();
    const now = portal.clock.now();
    const own = await resumeCandidateSession(portal.db, { id: mine.id, now, applicationId: mine.applicationId });
    expect(own?.application).toMatchObject({ id: mine.applicationId, candidateId: mine.candidate.id, state: "draft" });
    expect(own?.application?.jobSnapshot).toMatchObject({ id: "230107874" });
    const other = await resumeCandidateSession(portal.db, { id: mine.id, now, applicationId: theirs.applicationId });
    expect(other?.candidate.id).toBe(mine.candidate.id);
    expect(other?.application).toBeNull();
    expect((await resumeCandidateSession(portal.db, { id: mine.id, now, applicationId: "not-an-id" }))?.application).toBeNull();
  });

  it("brings the candidate's documents, as their list reads them, only for a page that lists them", async () => {
    const mine = await signedInWithApplication();
    const theirs = await signedInWithApplication();
    const now = portal.clock.now();
    const save = (candidateId: string, label: string, note: string, at: Date) =>
      saveDocument(portal.db, { candidateId, label, note, bytes: minimalPdf(), fileName: "r.pdf", now: at });
    expect((await resumeCandidateSession(portal.db, { id: mine.id, now, withDocuments: true }))?.documents).toEqual([]);
    await save(mine.candidate.id, "履歴書「2026年版」", 'a "quoted" note\\ with 𠮷', new Date(now.getTime() - 60_000));
    await save(mine.candidate.id, "職務経歴書", "", now);
    await save(theirs.candidate.id, "someone else's", "", now);

    const withDocuments = await resumeCandidateSession(portal.db, { id: mine.id, now, applicationId: mine.applicationId, withDocuments: true });
    expect(withDocuments?.documents).toEqual(await listDocuments(portal.db, mine.candidate.id));
    expect(withDocuments?.documents?.map((d) => d.label)).toEqual(["職務経歴書", "履歴書「2026年版」"]);
    expect(withDocuments?.documents?.[1]?.createdAt).toBeInstanceOf(Date);
    expect(withDocuments?.application?.id).toBe(mine.applicationId);
    expect((await resumeCandidateSession(portal.db, { id: mine.id, now }))?.documents).toBeNull();
  });

  it("brings the candidate's applications, newest first with the job each applied to, only for a page that lists them", async () => {
    const mine = await signedInWithApplication();
    const theirs = await signedInWithApplication();
    const now = portal.clock.now();
    const actor = { kind: "candidate" as const, id: mine.candidate.id };
    await withdrawApplication(portal.db, {
      applicationId: mine.applicationId,
      now,
      actor,
      reason: "other",
      note: undefined,
      recipient: mine.candidate.email,
      locale: "ja",
      orgName: { ja: "サンプル商事", en: "Sample Trading" },
    });
    const again = await startApplication(portal.db, {
      candidateId: mine.candidate.id,
      job: (await findJob(portal.db, "230107874"))!,
      now: new Date(now.getTime() + 1000),
    });
    if (!again.ok) throw new Error("the second application did not start");

    const listing = await resumeCandidateSession(portal.db, { id: mine.id, now, withApplications: true });
    expect(listing?.applications).toEqual(await listOwnApplications(portal.db, mine.candidate.id));
    expect(listing?.applications?.map((a) => [a.id, a.state])).toEqual([
      [again.application.id, "draft"],
      [mine.applicationId, "withdrawn"],
    ]);
    expect(listing?.applications?.[1]?.withdrawnAt).toEqual(now);
    expect(listing?.applications?.[0]?.jobSnapshot).toMatchObject({ id: "230107874" });
    expect(listing?.applications?.map((a) => a.id)).not.toContain(theirs.applicationId);
    expect((await resumeCandidateSession(portal.db, { id: mine.id, now }))?.applications).toBeNull();
  });

  it("ends an idle session whatever page asks, application or not", async () => {
    const { id, applicationId } = await signedInWithApplication();
    const later = new Date(portal.clock.now().getTime() + CANDIDATE_SESSIONS.idleMs + 1000);
    const expired: string[] = [];
    expect(await resumeCandidateSession(portal.db, { id, now: later, applicationId, onExpired: (p) => expired.push(p) })).toBeNull();
    expect(expired).toHaveLength(1);
    expect(await resumeCandidateSession(portal.db, { id, now: portal.clock.now() })).toBeNull();
  });
});
