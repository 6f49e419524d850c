import { describe, expect, it } from "vitest";
import { readShownToken, shownToken } from "./shown-token.ts";

const secret = "test-secret-0123456789-abcdefghijklmnop";
const attemptId = "6f1d3c1e-2a4b-4c5d-8e9f-0a1b2c3d4e5f";

describe("the shown token", () => {
  it("gives back the time the page was shown, for that attempt and item only", () => {
    const at = new Date("2026-11-26T01:02:03.456Z");
    const token = shownToken(secret, { attemptId, itemId: "cs-broken-plates", at });
    const now = new Date(at.getTime() + 60_000);
    expect(readShownToken(secret, { attemptId, itemId: "cs-broken-plates", token, now })).toEqual(at);
    expect(readShownToken(secret, { attemptId, itemId: "cs-gift-card-scam", token, now })).toBeNull();
    expect(readShownToken(secret, { attemptId: "6f1d3c1e-2a4b-4c5d-8e9f-0a1b2c3d4e60", itemId: "cs-broken-plates", token, now })).toBeNull();
    expect(readShownToken("another-secret-0123456789-abcdefghijk", { attemptId, itemId: "cs-broken-plates", token, now })).toBeNull();
  });

  it("refuses a time that was changed, and anything that is not a token", () => {
    const token = shownToken(secret, { attemptId, itemId: "x", at: new Date(1_000_000) });
    const now = new Date(2_000_000);
    expect(readShownToken(secret, { attemptId, itemId: "x", token: token.replace(/^1/, "0"), now })).toBeNull();
    for (const junk of [undefined, null, 42, "", "123", "abc.def", ["1.2"], `${token}x`]) {
      expect(readShownToken(secret, { attemptId, itemId: "x", token: junk, now })).toBeNull();
    }
  });

  it("never puts the showing after now", () => {
    const future = new Date(5_000_000);
    const token = shownToken(secret, { attemptId, itemId: "x", at: future });
    expect(readShownToken(secret, { attemptId, itemId: "x", token, now: new Date(4_000_000) })).toEqual(new Date(4_000_000));
  });
});
