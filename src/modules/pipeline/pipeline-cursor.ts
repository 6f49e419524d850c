import { isUuid } from "../../platform/db/uuid.ts";
import type { PipelineSort } from "./pipeline-query.ts";

/**
 * Where the next page starts: the sort key of the last row shown and its id, which makes the order total.
 * Timestamps travel as PostgreSQL's own text (microseconds), so no row is skipped or shown twice.
 */
export type PipelineCursor =
  | { by: "date"; at: string; id: string }
  | { by: "name"; name: string; id: string }
  | { by: "stage"; rank: number; at: string; id: string };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

/** The cursor as an opaque URL-safe token. */
export function encodePipelineCursor(cursor: PipelineCursor): string {
  const parts = cursor.by === "date" ? [cursor.at] : cursor.by === "name" ? [cursor.name] : [cursor.rank, cursor.at];
  return Buffer.from(JSON.stringify([cursor.by, ...parts, cursor.id]), "utf8").toString("base64url");
}

/** A token read back for a sort order, or null when it is not one this sort could have written (the first page is shown). */
export function decodePipelineCursor(token: unknown, sort: PipelineSort): PipelineCursor | null {
  if (typeof token !== "string" || token.length === 0 || token.length > 1200 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts[0] !== sort.by) return null;
  const id = parts[parts.length - 1];
  if (!isUuid(id)) return null;
  if (sort.by === "date" && parts.length === 3 && typeof parts[1] === "string" && TIMESTAMP.test(parts[1])) return { by: "date", at: parts[1], id };
  if (sort.by === "name" && parts.length === 3 && typeof parts[1] === "string" && parts[1].length <= 400) return { by: "name", name: parts[1], id };
  if (
    sort.by === "stage" &&
    parts.length === 4 &&
    Number.isInteger(parts[1]) &&
    parts[1] >= 0 &&
    parts[1] <= 20 &&
    typeof parts[2] === "string" &&
    TIMESTAMP.test(parts[2])
  )
    return { by: "stage", rank: parts[1], at: parts[2], id };
  return null;
}
