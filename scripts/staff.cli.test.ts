import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/platform/project-root.ts";

const run = promisify(execFile);

/** The command runs on its own embedded database, whatever server the test run uses. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, ...rest } = env;
  return rest;
}

async function staffCommand(args: string[], dataDir: string) {
  return run("npx", ["tsx", "scripts/staff.ts", ...args], {
    cwd: PROJECT_ROOT,
    env: {
      ...withoutDatabaseUrl(process.env),
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL: "https://jobs.example.jp",
      APP_SECRET: "cli-test-secret-0123456789-abcdefghijkl",
    },
  }).catch((error: { code: number; stdout: string; stderr: string }) => ({ stdout: error.stdout, stderr: error.stderr, code: error.code }));
}

describe("npm run staff", () => {
  it("creates a member of staff and prints a one-time set-up link, then lists them; refuses a second with the same address", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "portal-staff-cli-"));
    const created = await staffCommand(["create", "--email", "Kanri@Office.example.jp", "--name", "管理 花子", "--role", "admin"], dataDir);
    expect(created.stdout).toMatch(/^Created kanri@office\.example\.jp \(admin\)\./m);
    expect(created.stdout).toMatch(/^https:\/\/jobs\.example\.jp\/office\/setup\/[A-Za-z0-9_-]{43}$/m);
    const listed = await staffCommand(["list"], dataDir);
    expect(listed.stdout).toBe("kanri@office.example.jp\t管理 花子\tadmin\tinvited\t\n");
    const twice = await staffCommand(["create", "--email", "kanri@office.example.jp", "--name", "別人", "--role", "reviewer"], dataDir);
    expect(twice).toMatchObject({ code: 1 });
    expect(twice.stderr).toContain("already exists");
    const reset = await staffCommand(["reset", "--email", "kanri@office.example.jp"], dataDir);
    expect(reset.stdout).toMatch(/\/office\/setup\/[A-Za-z0-9_-]{43}$/m);
    expect(await staffCommand(["create", "--email", "x@example.jp", "--role", "boss"], dataDir)).toMatchObject({ code: 2 });
  }, 120_000);
});
