import { randomUUID } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { pendingForms } from "../db/schema.ts";
import { keyedHash } from "../security/secrets.ts";

/** Long enough to sign in again (a code, a coffee), short enough not to linger on a shared computer. */
export const PENDING_FORM_TTL_MS = 60 * 60_000;

/** Fields never kept, whatever the form: secrets and the CSRF token. */
const SECRET_FIELDS = /pin|password|code|_csrf/i;

/** What may be kept of a form body: its text fields (repeated ones as lists), secrets left out, each value bounded. */
export function keepableValues(body: unknown): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) return values;
  for (const [name, value] of Object.entries(body as Record<string, unknown>).slice(0, 100)) {
    if (SECRET_FIELDS.test(name) || name.length > 60) continue;
    if (typeof value === "string") values[name] = value.slice(0, 2000);
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) values[name] = value.slice(0, 50).map((v: string) => v.slice(0, 2000));
  }
  return values;
}

function bindingOf(secret: string, browserKey: string): string {
  return keyedHash(secret, "pending-form", browserKey);
}

/**
 * Keeps a form that arrived after its sender's session ran out, for the same person in the same browser;
 * a later one for the same page replaces it.
 */
export async function keepPendingForm(
  db: Db,
  input: { secret: string; browserKey: string; principalId: string; path: string; values: Record<string, string | string[]>; now: Date },
): Promise<void> {
  const bindingHash = bindingOf(input.secret, input.browserKey);
  await db.transaction(async (tx) => {
    await tx.delete(pendingForms).where(and(eq(pendingForms.bindingHash, bindingHash), eq(pendingForms.path, input.path)));
    await tx.insert(pendingForms).values({
      id: randomUUID(),
      bindingHash,
      principalId: input.principalId,
      path: input.path,
      values: input.values,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + PENDING_FORM_TTL_MS),
    });
  });
}

/**
 * The values kept for this page, once: only for the browser that sent them and the person whose session had
 * ended, only while they live. Taking them removes them.
 */
export async function takePendingForm(
  db: Db,
  input: { secret: string; browserKey: string; principalId: string; path: string; now: Date },
): Promise<Record<string, string | string[]> | null> {
  const bindingHash = bindingOf(input.secret, input.browserKey);
  const taken = await db
    .delete(pendingForms)
    .where(and(eq(pendingForms.bindingHash, bindingHash), eq(pendingForms.path, input.path), gt(pendingForms.expiresAt, input.now)))
    .returning();
  const mine = taken.find((row) => row.principalId === input.principalId);
  return mine ? mine.values : null;
}

/** Deletes kept forms whose hour is over; run by housekeeping. */
export async function purgeExpiredPendingForms(db: Db, now: Date): Promise<number> {
  const purged = await db.delete(pendingForms).where(lt(pendingForms.expiresAt, now)).returning({ id: pendingForms.id });
  return purged.length;
}
