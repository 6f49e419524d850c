import { describe, expect, it } from "vitest";
import { hasPermission, may, STAFF_PERMISSIONS } from "./policy.ts";

describe("the access policy for candidates", () => {
  const hanako = { kind: "candidate", id: "0b6f4e38-0000-4000-8000-000000000001" } as const;
  const taro = "0b6f4e38-0000-4000-8000-000000000002";

  it("lets a candidate view and change their own records", () => {
    for (const kind of ["application", "assessment-attempt", "document", "profile"] as const) {
      expect(may(hanako, "view", { kind, candidateId: hanako.id })).toBe(true);
      expect(may(hanako, "change", { kind, candidateId: hanako.id })).toBe(true);
    }
  });

  it("never lets a candidate reach another candidate's records", () => {
    for (const kind of ["application", "assessment-attempt", "document", "profile"] as const) {
      expect(may(hanako, "view", { kind, candidateId: taro })).toBe(false);
      expect(may(hanako, "change", { kind, candidateId: taro })).toBe(false);
    }
  });
});

describe("the access policy for staff", () => {
  const staff = (role: "admin" | "recruiter" | "reviewer", jobIds: string[] = ["230107874"]) =>
    ({ kind: "staff", id: "0b6f4e38-0000-4000-8000-0000000000aa", role, jobIds, mayViewSensitive: false }) as const;
  const application = { kind: "application", candidateId: "0b6f4e38-0000-4000-8000-000000000001", jobIds: ["230107874"] } as const;
  const elsewhere = { ...application, jobIds: ["999999999"] };

  it("gives admins every permission and every job", () => {
    for (const permission of STAFF_PERMISSIONS) expect(hasPermission(staff("admin", []), permission)).toBe(true);
    expect(may(staff("admin", []), "decide", elsewhere)).toBe(true);
  });

  it("lets recruiters read, decide, contact and export for their own jobs only", () => {
    for (const action of ["view", "note", "decide", "contact", "export"] as const) {
      expect(may(staff("recruiter"), action, application)).toBe(true);
      expect(may(staff("recruiter"), action, elsewhere)).toBe(false);
    }
    expect(hasPermission(staff("recruiter"), "staff.manage")).toBe(false);
    expect(hasPermission(staff("recruiter"), "audit.view")).toBe(false);
  });

  it("lets reviewers read and add notes, and nothing else: no contact details, exports or decisions", () => {
    expect(may(staff("reviewer"), "view", application)).toBe(true);
    expect(may(staff("reviewer"), "note", application)).toBe(true);
    for (const action of ["decide", "contact", "export", "change"] as const) expect(may(staff("reviewer"), action, application)).toBe(false);
    expect(hasPermission(staff("reviewer"), "candidates.contactDetails")).toBe(false);
    expect(hasPermission(staff("reviewer"), "candidates.export")).toBe(false);
  });

  it("shows contact details to recruiters and admins of the job, never to reviewers", () => {
    expect(may(staff("recruiter"), "viewContactDetails", application)).toBe(true);
    expect(may(staff("admin", []), "viewContactDetails", application)).toBe(true);
    expect(may(staff("recruiter"), "viewContactDetails", elsewhere)).toBe(false);
    expect(may(staff("reviewer"), "viewContactDetails", application)).toBe(false);
  });

  it("shows sensitive answers only to members granted them by name, on their own jobs, whatever their role", () => {
    for (const role of ["admin", "recruiter", "reviewer"] as const) {
      expect(may(staff(role), "viewSensitive", application), role).toBe(false);
      expect(may({ ...staff(role), mayViewSensitive: true }, "viewSensitive", application), role).toBe(true);
    }
    expect(may({ ...staff("reviewer"), mayViewSensitive: true }, "viewSensitive", elsewhere)).toBe(false);
  });

  it("lets a candidate read their own contact details and sensitive answers", () => {
    const own = { kind: "candidate", id: application.candidateId } as const;
    expect(may(own, "viewContactDetails", application)).toBe(true);
    expect(may(own, "viewSensitive", application)).toBe(true);
  });

  it("never lets staff change what a candidate entered", () => {
    expect(may(staff("admin"), "change", application)).toBe(false);
  });
});
