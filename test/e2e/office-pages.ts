import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { totpCodeAt } from "../../src/modules/staff/credentials/totp.ts";
import type { ServedPortal } from "./browser.ts";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * A member of staff created the way an administrator does it, `npm run staff -- create …` in a shell,
 * against the served portal's PostgreSQL database; answers the one-time set-up link the command prints.
 */
export function staffFromCommandLine(portal: ServedPortal, who: { email: string; name: string; role: string; jobs?: string[] }): string {
  if (!portal.databaseUrl) throw new Error("the staff command reaches the portal's database only on PostgreSQL");
  const args = ["tsx", "scripts/staff.ts", "create", "--email", who.email, "--name", who.name, "--role", who.role];
  if (who.jobs) args.push("--jobs", who.jobs.join(","));
  const run = spawnSync("npx", args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: portal.databaseUrl, APP_SECRET: portal.config.secret, PUBLIC_BASE_URL: portal.baseUrl, LOG_LEVEL: "warn" },
  });
  expect(run.status, run.stderr).toBe(0);
  const link = run.stdout.match(/https?:\/\/\S+\/office\/setup\/\S+/)?.[0];
  if (!link) throw new Error(`the staff command printed no set-up link:\n${run.stdout}`);
  return link;
}

async function submit(page: Page, selector = "main form"): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.locator(`${selector} button[type="submit"]`).first().click()]);
}

/**
 * Follows a set-up link in the browser: a password, then the authenticator from the otpauth:// text shown
 * beside the QR code (the test computes the codes an authenticator app would), then the recovery codes.
 * Answers the authenticator's secret, for signing in.
 */
export async function setUpStaffInBrowser(page: Page, link: string, password: string): Promise<{ totpSecret: string; recoveryCodes: string[] }> {
  await page.goto(link);
  await page.fill('input[name="password"]', password);
  await page.fill('input[name="passwordConfirm"]', password);
  await submit(page);
  // The otpauth:// text sits in a closed <details> beside the QR code, as for someone who cannot scan it.
  await page.locator("details:has([data-otpauth]) > summary").click();
  const otpauth = (await page.locator("[data-otpauth]").innerText()).trim();
  const totpSecret = new URL(otpauth).searchParams.get("secret");
  if (!totpSecret) throw new Error(`no secret in ${otpauth}`);
  await page.fill('input[name="code"]', totpCodeAt(totpSecret, new Date()));
  await submit(page);
  const recoveryCodes = (await page.locator("[data-recovery-codes] li").allInnerTexts()).map((c) => c.trim());
  expect(recoveryCodes).toHaveLength(10);
  await submit(page);
  expect(new URL(page.url()).pathname).toBe("/office/sign-in");
  return { totpSecret, recoveryCodes };
}

/** Signs in to the console with e-mail, password and the authenticator's next code (the current one was used at set-up). */
export async function signInToConsole(page: Page, portal: ServedPortal, who: { email: string; password: string; totpSecret: string }): Promise<void> {
  await page.goto(`${portal.baseUrl}/office/sign-in`);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await submit(page);
  await page.fill('input[name="code"]', totpCodeAt(who.totpSecret, new Date(Date.now() + 30_000)));
  await submit(page);
  expect(new URL(page.url()).pathname).toBe("/office");
}
