/**
 * The one access policy: who may do what to which record. Every surface asks here (the candidate pages
 * through their record loaders, the console and the API through theirs), so a rule changes in one place.
 */
import type { StaffRole } from "../staff/schema.ts";

/** A candidate acting on their own records. */
export type CandidatePrincipal = { kind: "candidate"; id: string };

/** A member of the recruiting office, with the jobs they are assigned to (admins see every job). */
export type StaffPrincipal = { kind: "staff"; id: string; role: StaffRole; jobIds: readonly string[]; mayViewSensitive: boolean };

/** Someone acting on the portal. */
export type Principal = CandidatePrincipal | StaffPrincipal;

/** What a member of staff may do, by role; routes of the console declare the one they need. */
export const STAFF_PERMISSIONS = [
  /** Open the console at all. */
  "console",
  /** Read candidates of their jobs: answers, documents, scores, history. */
  "candidates.view",
  /** Add notes and ratings. */
  "candidates.note",
  /** See e-mail addresses, phone numbers and postal addresses. */
  "candidates.contactDetails",
  /** Move candidates between stages (decisions). */
  "candidates.decide",
  /** Send e-mails to candidates. */
  "candidates.contact",
  /** Export a pipeline as CSV. */
  "candidates.export",
  /** See funnel and assessment reports of their jobs. */
  "reports.view",
  /** Create, edit, publish and close jobs. */
  "jobs.manage",
  /** Edit e-mail templates. */
  "templates.manage",
  /** Invite, change, deactivate and reset staff. */
  "staff.manage",
  /** Read and export the audit log. */
  "audit.view",
  /** Handle disclosure and deletion requests and legal holds, and see the retention schedule's runs. */
  "privacy.manage",
] as const;
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<StaffRole, readonly StaffPermission[]> = {
  admin: STAFF_PERMISSIONS,
  recruiter: [
    "console",
    "candidates.view",
    "candidates.note",
    "candidates.contactDetails",
    "candidates.decide",
    "candidates.contact",
    "candidates.export",
    "reports.view",
  ],
  reviewer: ["console", "candidates.view", "candidates.note"],
};

/** Whether a member of staff's role grants a permission. */
export function hasPermission(principal: StaffPrincipal, permission: StaffPermission): boolean {
  return ROLE_PERMISSIONS[principal.role].includes(permission);
}

/** Whether a member of staff works on a job: admins on every job, others on the jobs they are assigned to. */
export function coversJob(principal: StaffPrincipal, jobId: string): boolean {
  return principal.role === "admin" || principal.jobIds.includes(jobId);
}

/** A record as the policy needs to see it: what it is, whose it is, and for candidates' data which job it is for. */
export type Resource = {
  kind: "application" | "assessment-attempt" | "document" | "profile";
  /** The candidate the record belongs to. */
  candidateId: string;
  /** The jobs the record is about: an application's job; a document's are those of the applications it was sent with. */
  jobIds?: readonly string[];
};

/**
 * What is done to a record. `viewContactDetails` reads e-mail, phone and postal address; `viewSensitive` reads
 * answers marked sensitive (要配慮個人情報), which staff also need the personal grant `mayViewSensitive` for.
 */
export type Action = "view" | "viewContactDetails" | "viewSensitive" | "change" | "note" | "decide" | "contact" | "export";

const STAFF_ACTION_PERMISSION: Record<Action, StaffPermission | null> = {
  view: "candidates.view",
  viewContactDetails: "candidates.contactDetails",
  viewSensitive: "candidates.view",
  note: "candidates.note",
  decide: "candidates.decide",
  contact: "candidates.contact",
  export: "candidates.export",
  // Staff never change what a candidate entered.
  change: null,
};

/**
 * Whether a principal may do an action to a record. Candidates reach only their own records, for anything;
 * staff reach candidates' records of the jobs they work on, as far as their role allows.
 */
export function may(principal: Principal, action: Action, resource: Resource): boolean {
  switch (principal.kind) {
    case "candidate":
      return resource.candidateId === principal.id;
    case "staff": {
      const permission = STAFF_ACTION_PERMISSION[action];
      if (!permission || !hasPermission(principal, permission)) return false;
      // A role never grants sensitive answers: an admin names the people who need them.
      if (action === "viewSensitive" && !principal.mayViewSensitive) return false;
      return (resource.jobIds ?? []).some((jobId) => coversJob(principal, jobId));
    }
  }
}
