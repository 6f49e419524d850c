/**
 * The one place the browser journeys start what they drive: the portal served on a loopback port, Debian's
 * Chromium, a phone-sized browser context, screenshots, and the codes the portal mails.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { seedQuestionSets } from "../../src/modules/applications/application-store.ts";
import { seedDefaultTemplates } from "../../src/modules/email-templates/default-templates.ts";
import { seedJobs } from "../../src/modules/jobs/job-content.ts";
import { createDeliver } from "../../src/platform/mail/transport.ts";
import { startOutboxWorker } from "../../src/platform/worker/outbox-worker.ts";
import { freshDatabase } from "../database.ts";
import { testClock } from "../portal.ts";
import { startSmtpServer } from "../smtp.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** Starting the portal and Chromium together; generous, for a machine whose speed swings with its load. */
const SETUP_TIMEOUT_MS = 120_000;

/** How long to wait for a mail the portal sends: the outbox worker polls every 200 ms, a busy machine is slower. */
const MAIL_TIMEOUT_MS = 30_000;

/**
 * The portal listening on a spare loopback port, with a fresh database, a real SMTP server, a running outbox
 * worker, and a clock that runs with real time but can be moved forward (to get past a throttle's wait).
 */
export async function startServedPortal() {
  const smtp = await startSmtpServer();
  const database = await freshDatabase();
  await seedJobs(database.db, path.join(root, "content/jobs"));
  await seedQuestionSets(database.db, path.join(root, "content/question-sets"), new Date());
  await seedDefaultTemplates(database.db, new Date());
  const clock = testClock();
  const config = await loadConfig({
    NODE_ENV: "test",
    APP_SECRET: "e2e-secret-0123456789-abcdefghijklmnopqr",
    DATA_DIR: await mkdtemp(path.join(tmpdir(), "portal-e2e-")),
    SMTP_URL: smtp.url,
    ORG_NAME: "サンプル商事",
  });
  const transport = createDeliver({ smtpUrl: smtp.url, from: config.mailFrom });
  const worker = startOutboxWorker({
    db: database.db,
    deliver: transport.deliver,
    now: clock.now,
    log: { warn: () => undefined, error: () => undefined },
    pollMs: 200,
  });
  const app = await buildApp({ db: database.db, config, now: clock.now, nudgeOutbox: worker.nudge });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    db: database.db,
    /** The database's URL when it is on PostgreSQL (another process, such as a command, can reach it); null on PGlite. */
    databaseUrl: database.url,
    config,
    smtp,
    clock,
    close: async () => {
      await app.close();
      await worker.stop();
      transport.close();
      await database.close();
      await smtp.close();
    },
  };
}

export type ServedPortal = Awaited<ReturnType<typeof startServedPortal>>;

/** Debian's Chromium, headless, with the flags this sandbox needs and a throw-away profile. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

/**
 * The served portal and Chromium for one test file: both started before its tests, both closed after them.
 * Read `portal` and `browser` inside the tests (they exist once the file's setup has run).
 */
export function servedPortalAndBrowser(): { readonly portal: ServedPortal; readonly browser: Browser } {
  let portal: ServedPortal | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [portal, browser] = await Promise.all([startServedPortal(), launchChromium()]);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });
  return {
    get portal() {
      if (!portal) throw new Error("the served portal is not started yet");
      return portal;
    },
    get browser() {
      if (!browser) throw new Error("Chromium is not launched yet");
      return browser;
    },
  };
}

/** A phone-sized browser context (the candidates' usual device), Japanese unless told otherwise. */
export async function phoneContext(browser: Browser, options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? "ja-JP",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  // Twice Playwright's 30 s for a click, a wait or a page load: the machine's speed swings with its load.
  context.setDefaultTimeout(60_000);
  return context;
}

/** Does something that leads to another page (a click, a key) and waits until that page has loaded. */
export async function toNextPage(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForEvent("load"), action()]);
}

const shots = path.join(root, "test-results", "screenshots");

/** Saves a full-page screenshot under test-results/screenshots for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** The newest six-digit code mailed to an address, as the SMTP server received it. */
export async function codeFromMail(smtp: Awaited<ReturnType<typeof startSmtpServer>>, to: string, after: number): Promise<string> {
  const mail = await smtp.waitFor(
    (m) => m.to.includes(to) && /確認コード|verification code/i.test(m.subject) && smtp.received.indexOf(m) >= after,
    MAIL_TIMEOUT_MS,
  );
  return mail.text.match(/\b(\d{6})\b/)![1]!;
}
