import { describe, expect, it } from "vitest";
import { decodePipelineCursor, encodePipelineCursor } from "./pipeline-cursor.ts";

const id = "7d0f3a52-1c1e-4c56-9e0a-000000000001";

describe("the keyset cursor", () => {
  it("comes back as it went out, for each sort order", () => {
    const at = "2026-11-29 09:18:45.123456+00";
    expect(decodePipelineCursor(encodePipelineCursor({ by: "date", at, id }), { by: "date", dir: "desc" })).toEqual({ by: "date", at, id });
    expect(decodePipelineCursor(encodePipelineCursor({ by: "name", name: "やまだはなこ", id }), { by: "name", dir: "asc" })).toEqual({
      by: "name",
      name: "やまだはなこ",
      id,
    });
    expect(decodePipelineCursor(encodePipelineCursor({ by: "stage", rank: 3, at, id }), { by: "stage", dir: "asc" })).toEqual({ by: "stage", rank: 3, at, id });
  });

  it("is ignored when it belongs to another sort order, or was made up", () => {
    const token = encodePipelineCursor({ by: "date", at: "2026-11-29 09:18:45+00", id });
    expect(decodePipelineCursor(token, { by: "name", dir: "asc" })).toBeNull();
    for (const forged of [
      "",
      "not base64!",
      Buffer.from("[1,2,3]").toString("base64url"),
      Buffer.from(JSON.stringify(["date", "yesterday", id])).toString("base64url"),
      Buffer.from(JSON.stringify(["date", "2026-11-29 09:18:45+00", "1 OR 1=1"])).toString("base64url"),
      Buffer.from(JSON.stringify(["stage", 1e9, "2026-11-29 09:18:45+00", id])).toString("base64url"),
      "A".repeat(5000),
    ]) {
      expect(decodePipelineCursor(forged, { by: "date", dir: "desc" }), forged.slice(0, 40)).toBeNull();
      expect(decodePipelineCursor(forged, { by: "stage", dir: "desc" }), forged.slice(0, 40)).toBeNull();
    }
  });
});
