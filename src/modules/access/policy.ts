/**
 * The one access policy: who may do what to which record. Every surface asks here (the candidate pages
 * through their record loaders, the console and the API through theirs), so a rule changes in one place.
 */

/** Someone acting on the portal. */
export type Principal = { kind: "candidate"; id: string };

/** A record as the policy needs to see it: what it is and whose it is. */
export type Resource = {
  kind: "application" | "assessment-attempt" | "document" | "profile";
  /** The candidate the record belongs to. */
  candidateId: string;
};

export type Action = "view" | "change";

/** Whether a principal may do an action to a record. Candidates reach only their own records, for anything. */
export function may(principal: Principal, _action: Action, resource: Resource): boolean {
  switch (principal.kind) {
    case "candidate":
      return resource.candidateId === principal.id;
  }
}
