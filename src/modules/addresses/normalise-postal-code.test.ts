import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalisePostalCode } from "./normalise-postal-code.ts";

describe("normalisePostalCode", () => {
  it.each([
    ["1000001", "1000001"],
    ["100-0001", "1000001"],
    ["１００－０００１", "1000001"],
    ["１００ー０００１", "1000001"],
    ["100‐0001", "1000001"],
    ["100−0001", "1000001"],
    ["100–0001", "1000001"],
    ["１０００００１", "1000001"],
    ["〒100-0001", "1000001"],
    ["〒１００－０００１", "1000001"],
    [" 100 0001\u3000", "1000001"],
    ["060-0000", "0600000"],
  ])("reads %j as %s", (input, postalCode) => {
    expect(normalisePostalCode(input)).toEqual({ ok: true, postalCode });
  });

  it.each([
    ["", "empty"],
    ["  ", "empty"],
    ["－", "empty"],
    ["〒", "empty"],
  ])("calls %j empty", (input, reason) => {
    expect(normalisePostalCode(input)).toEqual({ ok: false, reason });
  });

  it.each([
    "100-000",
    "100-00011",
    "1000-001x",
    "abcdefg",
    "100_0001",
    "١٠٠٠٠٠١", // Arabic-Indic digits are digits, but not in a Japanese postal code
    "1".repeat(10_000),
  ])("refuses %j as not seven digits", (input) => {
    expect(normalisePostalCode(input)).toEqual({ ok: false, reason: "not-seven-digits" });
  });

  it("only ever answers seven ASCII digits or a reason", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (input) => {
        const reading = normalisePostalCode(input);
        if (reading.ok) expect(reading.postalCode).toMatch(/^[0-9]{7}$/);
        else expect(["empty", "not-seven-digits"]).toContain(reading.reason);
      }),
    );
  });
});
