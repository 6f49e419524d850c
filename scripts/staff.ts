/**
 * `npm run staff -- <command>`: manages the recruiting office's staff from the command line, on the same
 * database the portal uses (DATABASE_URL, or the embedded one under DATA_DIR — stop the portal first then,
 * as the embedded database opens in one process at a time).
 *
 *   create --email E --name N --role admin|recruiter|reviewer [--jobs 230107874,…]   prints a set-up link
 *   reset  --email E                                                                 prints a new set-up link
 *   list
 */
import { parseArgs } from "node:util";
import { findStaffByEmail, inviteStaff, isStaffRole, listStaff, resetStaff } from "../src/modules/staff/staff-directory.ts";
import { runCommand, withPortalDatabase } from "./portal-command.ts";

const USAGE = `usage:
  npm run staff -- create --email E --name N --role admin|recruiter|reviewer [--jobs ID,ID]
  npm run staff -- reset --email E
  npm run staff -- list`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, jobs: { type: "string" } },
  });
  const command = positionals[0];
  if (command !== "create" && command !== "reset" && command !== "list") {
    console.error(USAGE);
    return 2;
  }
  return withPortalDatabase(async (config, database) => {
    const link = (token: string) => `${config.publicBaseUrl}/office/setup/${token}`;
    const now = new Date();
    if (command === "list") {
      for (const m of await listStaff(database.db)) console.log([m.email, m.name, m.role, m.status, m.jobIds.join(",")].join("\t"));
      return 0;
    }
    if (!values.email) {
      console.error(USAGE);
      return 2;
    }
    if (command === "create") {
      if (!values.name || !isStaffRole(values.role)) {
        console.error(USAGE);
        return 2;
      }
      const jobIds = (values.jobs ?? "")
        .split(",")
        .map((j) => j.trim())
        .filter(Boolean);
      const invited = await inviteStaff(database.db, {
        email: values.email,
        name: values.name,
        role: values.role,
        jobIds,
        invitedBy: null,
        now,
        secret: config.secret,
      });
      if (!invited.ok) {
        console.error(invited.reason === "taken" ? `A member of staff with ${values.email} already exists.` : "The e-mail address or name is not valid.");
        return 1;
      }
      console.log(`Created ${invited.staff.email} (${invited.staff.role}). Set-up link, valid for 24 hours, once:`);
      console.log(link(invited.setupToken));
      return 0;
    }
    const member = await findStaffByEmail(database.db, values.email);
    const token = member ? await resetStaff(database.db, { staffId: member.id, by: null, now, secret: config.secret }) : null;
    if (!token) {
      console.error(`No member of staff with ${values.email}.`);
      return 1;
    }
    console.log(`Reset ${values.email}. New set-up link, valid for 24 hours, once:`);
    console.log(link(token));
    return 0;
  });
}

runCommand(main);
