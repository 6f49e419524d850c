import { describe, expect, it } from "vitest";
import { checkPin, isTrivialPin } from "./pin-policy.ts";

describe("checkPin", () => {
  it.each(["000000", "111111", "999999"])("refuses one digit repeated: %s", (pin) => expect(checkPin(pin)).toBe("trivial"));
  it.each(["123456", "234567", "456789", "890123", "012345"])("refuses ascending runs, wrapping too: %s", (pin) => expect(checkPin(pin)).toBe("trivial"));
  it.each(["654321", "987654", "210987"])("refuses descending runs: %s", (pin) => expect(checkPin(pin)).toBe("trivial"));
  it.each(["121212", "123123", "909090"])("refuses repeated pairs and triples: %s", (pin) => expect(checkPin(pin)).toBe("trivial"));
  it.each(["12345", "1234567", "12a456", "", "１２３４５６"])("refuses anything but six ASCII digits: %j", (pin) => expect(checkPin(pin)).toBe("format"));
  it("refuses the birth date in the ways people write it", () => {
    for (const pin of ["900415", "041590", "150490", "199004"]) expect(checkPin(pin, { birthDates: ["1990-04-15"] })).toBe("birthDate");
    expect(checkPin("482915", { birthDates: ["1990-04-15"] })).toBeNull();
  });
  it("refuses the last six digits of the phone number", () => {
    expect(checkPin("502718", { phoneDigits: "819055502718" })).toBe("phone");
    expect(checkPin("482915", { phoneDigits: "819055502718" })).toBeNull();
  });
  it.each(["135791", "246802", "975319", "246810", "135790", "112358", "102030"])("refuses digits stepping alike and written-out sequences: %s", (pin) =>
    expect(checkPin(pin)).toBe("trivial"),
  );
  it("accepts ordinary PINs", () => {
    for (const pin of ["482915", "730164", "205839"]) expect(isTrivialPin(pin)).toBe(false);
  });
});
