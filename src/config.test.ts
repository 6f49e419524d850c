import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

async function configWith(env: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "portal-config-"));
  return loadConfig({ DATA_DIR: dataDir, APP_SECRET: "a-test-secret-of-at-least-32-characters", ...env });
}

describe("TRUST_PROXY", () => {
  it("trusts no proxy unless told to", async () => {
    expect((await configWith({})).trustProxy).toBe(false);
    expect((await configWith({ TRUST_PROXY: "" })).trustProxy).toBe(false);
    expect((await configWith({ TRUST_PROXY: "false" })).trustProxy).toBe(false);
    expect((await configWith({ TRUST_PROXY: "0" })).trustProxy).toBe(false);
  });

  it("takes a hop count or a list of proxy addresses and ranges", async () => {
    expect((await configWith({ TRUST_PROXY: "1" })).trustProxy).toBe(1);
    expect((await configWith({ TRUST_PROXY: "10.0.0.5, 10.1.0.0/16,::1" })).trustProxy).toEqual(["10.0.0.5", "10.1.0.0/16", "::1"]);
  });

  it("refuses what it cannot read, rather than trusting every client", async () => {
    for (const value of ["true", "yes", "10.0.0.0/33", "example.com", "1.2.3.4/8/8"]) {
      await expect(configWith({ TRUST_PROXY: value }), value).rejects.toBeInstanceOf(ConfigError);
    }
  });
});

describe("production mode", () => {
  const production = { NODE_ENV: "production", SMTP_URL: "smtp://mail.example.jp:587", PUBLIC_BASE_URL: "https://jobs.example.jp" };

  it("runs on the embedded database too, never with the local mailbox", async () => {
    const config = await configWith(production);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.production).toBe(true);
    expect(config.localMailbox).toBe(false);
    expect(config.secureCookies).toBe(true);
  });

  it("needs real mail and an https address", async () => {
    const { SMTP_URL: _smtp, ...withoutMail } = production;
    await expect(configWith(withoutMail)).rejects.toThrow(/SMTP_URL/);
    await expect(configWith({ ...production, PUBLIC_BASE_URL: "http://jobs.example.jp" })).rejects.toThrow(/https/);
  });

  it("keeps the mailbox off whenever SMTP is set, in development too", async () => {
    expect((await configWith({})).localMailbox).toBe(true);
    expect((await configWith({ SMTP_URL: "smtp://127.0.0.1:2525" })).localMailbox).toBe(false);
  });
});
