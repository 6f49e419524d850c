import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

/** Every setting of the portal, read once from the environment. */
const ZEnvSchema = z.object({
  /** Port to listen on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind; 0.0.0.0 in containers. */
  HOST: z.string().default("127.0.0.1"),
  /** Where the embedded database and the generated secret live. */
  DATA_DIR: z.string().default("./data"),
  /** PostgreSQL connection string; when set, the embedded database is not used. */
  DATABASE_URL: z.string().url().optional(),
  /** SMTP server for outgoing mail, e.g. smtp://user:pass@mail.example:587. */
  SMTP_URL: z.string().url().optional(),
  /** The address candidates reach the portal at; decides cookie security and mail links. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Organisation name shown in the header, e-mails and JSON-LD. */
  ORG_NAME: z.string().min(1).default("サンプル商事"),
  /** Organisation name in English pages. */
  ORG_NAME_EN: z.string().min(1).default("Sample Trading"),
  /** Sender address of every e-mail. */
  MAIL_FROM: z.string().min(3).default("no-reply@jobs.example.jp"),
  /** Address candidates write to for help and to send documents. */
  HELP_EMAIL: z.string().min(3).default("saiyo-help@jobs.example.jp"),
  /** Secret for one-time codes, CSRF tokens and throttle keys; generated in DATA_DIR in embedded mode. */
  APP_SECRET: z.string().min(32).optional(),
  /** production requires SMTP, APP_SECRET and an https PUBLIC_BASE_URL (the database may be embedded or PostgreSQL). */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /**
   * Which proxies may say who the client is (X-Forwarded-For): off by default, so no client can choose the
   * address recorded with an e-signature or counted by a throttle. A hop count ("1") or a comma-separated
   * list of proxy addresses or CIDR ranges ("10.0.0.5,10.1.0.0/16").
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? "").trim();
      if (text === "" || text === "0" || text.toLowerCase() === "false") return false;
      if (/^[1-9]\d?$/.test(text)) return Number(text);
      const entries = text.split(",").map((e) => e.trim());
      const bad = entries.filter((e) => !isProxyAddress(e));
      if (bad.length > 0) {
        ctx.addIssue({ code: "custom", message: `must be a hop count or proxy addresses / CIDR ranges; not understood: ${bad.join(", ")}` });
        return z.NEVER;
      }
      return entries;
    }),
  /** Log level of the JSON logs. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Uploads inspected at once, each in its own worker thread. */
  DOCUMENT_INSPECTION_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  /** Uploads that may wait for an inspection worker; beyond that the candidate is asked to try again. */
  DOCUMENT_INSPECTION_QUEUE: z.coerce.number().int().min(0).max(1000).default(32),
  /** Retention periods in days, each replacing the schedule's default (src/modules/privacy/retention-schedule.ts). */
  RETENTION_INACTIVE_CANDIDATE_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  RETENTION_ABANDONED_DRAFT_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  RETENTION_SIGN_IN_RECORD_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  RETENTION_MESSAGE_BODY_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  publicBaseUrl: string;
  secureCookies: boolean;
  orgName: { ja: string; en: string };
  mailFrom: string;
  helpEmail: string;
  secret: string;
  production: boolean;
  /**
   * No SMTP server outside production: mail stays in the outbox and the local mailbox shows it, to loopback
   * visitors only, with a banner on every page saying that nothing is being sent.
   */
  localMailbox: boolean;
  logLevel: string;
  /** false, a hop count, or the addresses of trusted proxies (Fastify's trustProxy). */
  trustProxy: false | number | string[];
  documentInspection: { concurrency: number; maxQueued: number };
  /** Retention periods (days) set in the environment; the schedule's defaults hold for the rest. */
  retention: { inactiveCandidateDays?: number; abandonedDraftDays?: number; signInRecordDays?: number; messageBodyDays?: number };
};

export class ConfigError extends Error {}

/** Reads and checks the environment; in embedded mode creates and keeps the secret under DATA_DIR. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const parsed = ZEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  if (production) {
    // A small office may run on the embedded database; what production cannot do without is real mail, a
    // stable secret, and https for Secure cookies.
    const missing = (["SMTP_URL", "APP_SECRET", "PUBLIC_BASE_URL"] as const).filter((k) => !e[k]);
    if (missing.length > 0) throw new ConfigError(`Production mode needs ${missing.join(", ")}`);
    if (!e.PUBLIC_BASE_URL?.startsWith("https://")) throw new ConfigError("Production mode needs PUBLIC_BASE_URL to be an https:// address");
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const secret = e.APP_SECRET ?? (await embeddedSecret(dataDir));
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    publicBaseUrl,
    secureCookies: publicBaseUrl.startsWith("https://"),
    orgName: { ja: e.ORG_NAME, en: e.ORG_NAME_EN },
    mailFrom: e.MAIL_FROM,
    helpEmail: e.HELP_EMAIL,
    secret,
    production,
    localMailbox: !production && !e.SMTP_URL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    documentInspection: { concurrency: e.DOCUMENT_INSPECTION_WORKERS, maxQueued: e.DOCUMENT_INSPECTION_QUEUE },
    retention: Object.fromEntries(
      Object.entries({
        inactiveCandidateDays: e.RETENTION_INACTIVE_CANDIDATE_DAYS,
        abandonedDraftDays: e.RETENTION_ABANDONED_DRAFT_DAYS,
        signInRecordDays: e.RETENTION_SIGN_IN_RECORD_DAYS,
        messageBodyDays: e.RETENTION_MESSAGE_BODY_DAYS,
      }).filter(([, days]) => days !== undefined),
    ),
  };
}

function isProxyAddress(entry: string): boolean {
  const [address = "", bits, ...rest] = entry.split("/");
  if (rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

async function embeddedSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    await writeFile(file, secret, { mode: 0o600, flag: "wx" }).catch(() => undefined);
    return (await readFile(file, "utf8")).trim();
  }
}
