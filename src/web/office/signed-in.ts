import type { FastifyRequest } from "fastify";
import type { StaffPrincipal } from "../../modules/access/policy.ts";
import type { StaffMember } from "../../modules/staff/schema.ts";
import { AppError } from "../../platform/http/errors.ts";

/** The signed-in member of staff: their record, and how the access policy sees them. */
export type SignedInStaff = { member: StaffMember; principal: StaffPrincipal };

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in member of staff on the console; routes declared `STAFF(…)` always have one. */
    staff: SignedInStaff | null;
  }
}

/** The signed-in member of staff of a route declared `STAFF(…)` (the surface has already refused anyone else). */
export function staffOf(req: FastifyRequest): SignedInStaff {
  if (!req.staff) throw new AppError("server", "a STAFF route ran without a signed-in member of staff");
  return req.staff;
}
