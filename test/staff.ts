import { totpCodeAt } from "../src/modules/staff/credentials/totp.ts";
import type { StaffRole } from "../src/modules/staff/schema.ts";
import {
  chooseStaffPassword,
  completeStaffSetup,
  confirmAuthenticator,
  openSetupLink,
  pendingAuthenticatorKey,
  pendingRecoveryCodes,
} from "../src/modules/staff/setup-link.ts";
import { inviteStaff } from "../src/modules/staff/staff-directory.ts";
import type { PageResponse, TestPortal, Visitor } from "./portal.ts";

/** A member of staff ready to sign in: their credentials, as they would hold them. */
export type TestStaff = { id: string; email: string; name: string; password: string; totpSecret: string; recoveryCodes: string[] };

let counter = 0;

/** What setting up a member of staff needs of a portal: a test portal, or one served to a browser. */
type StaffPortal = Pick<TestPortal, "db"> & { config: { secret: string }; clock: { now: () => Date; advance: (ms: number) => void } };

/** A member of staff set up through the domain's own steps (the set-up pages have their own test). */
export async function newStaff(portal: StaffPortal, input: { role: StaffRole; jobIds?: string[]; name?: string }): Promise<TestStaff> {
  counter += 1;
  const email = `staff.${counter}.${process.pid}@office.example.jp`;
  const name = input.name ?? `担当者${counter}`;
  const secret = portal.config.secret;
  const invited = await inviteStaff(portal.db, { email, name, role: input.role, jobIds: input.jobIds ?? [], invitedBy: null, now: portal.clock.now(), secret });
  if (!invited.ok) throw new Error(`could not invite ${email}: ${invited.reason}`);
  const password = `correct horse battery staple ${counter} 緑の傘`;
  const open = async () => {
    const setup = await openSetupLink(portal.db, { token: invited.setupToken, now: portal.clock.now(), secret });
    if (!setup) throw new Error("set-up link did not open");
    return setup;
  };
  const judged = await chooseStaffPassword(portal.db, { setup: await open(), password, secret, now: portal.clock.now() });
  if (!judged.ok) throw new Error(`test password refused: ${judged.reason}`);
  const withKey = await open();
  const totpSecret = pendingAuthenticatorKey(withKey, secret)!;
  await confirmAuthenticator(portal.db, { setup: withKey, code: totpCodeAt(totpSecret, portal.clock.now()), secret, now: portal.clock.now() });
  const withCodes = await open();
  const recoveryCodes = pendingRecoveryCodes(withCodes, secret);
  await completeStaffSetup(portal.db, { setup: withCodes, now: portal.clock.now() });
  // The enrolment used this time step's code; the first sign-in needs the next one.
  portal.clock.advance(31_000);
  return { id: invited.staff.id, email, name, password, totpSecret, recoveryCodes };
}

/** Signs a member of staff in through the console's pages: password, then the authenticator's current code. */
export async function signInStaff(portal: TestPortal, visitor: Visitor, who: TestStaff, secondFactor?: string): Promise<PageResponse> {
  await visitor.get("/office/sign-in");
  const step = await visitor.post("/office/sign-in", { email: who.email, password: who.password });
  if (!step.location) throw new Error(`password step answered ${step.status}`);
  const done = await visitor.post(step.location, { code: secondFactor ?? totpCodeAt(who.totpSecret, portal.clock.now()) });
  // A code is accepted once: the next sign-in of the same person needs the next time step.
  portal.clock.advance(31_000);
  return done;
}
