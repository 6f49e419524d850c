import { afterEach, describe, expect, it, vi } from "vitest";
import { lookupPostalCode } from "./lookup-postal-code.ts";
import { PREFECTURES } from "./prefectures.ts";

describe("lookupPostalCode", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("finds 100-0001, 千代田区千代田", async () => {
    expect(await lookupPostalCode("100-0001")).toEqual([{ postalCode: "1000001", prefecture: "東京都", city: "千代田区", town: "千代田" }]);
  });

  it("accepts full-width digits and a full-width hyphen", async () => {
    expect(await lookupPostalCode("１００－０００１")).toEqual([{ postalCode: "1000001", prefecture: "東京都", city: "千代田区", town: "千代田" }]);
  });

  it("finds a Hokkaido code, and an empty town for a city's catch-all code", async () => {
    expect(await lookupPostalCode("060-0001")).toEqual([{ postalCode: "0600001", prefecture: "北海道", city: "札幌市中央区", town: "北一条西" }]);
    expect(await lookupPostalCode("0600000")).toEqual([{ postalCode: "0600000", prefecture: "北海道", city: "札幌市中央区", town: "" }]);
  });

  it("finds Okinawa, at the other end of the data", async () => {
    expect(await lookupPostalCode("〒907-1801")).toEqual([{ postalCode: "9071801", prefecture: "沖縄県", city: "八重山郡与那国町", town: "与那国" }]);
  });

  it("answers nothing for a well-formed code that does not exist", async () => {
    expect(await lookupPostalCode("999-9999")).toEqual([]);
  });

  it.each(["", "100-000", "abcdefg", "１００－００００１", "<script>"])("answers nothing for bad input %j", async (code) => {
    expect(await lookupPostalCode(code)).toEqual([]);
  });

  it("works with the network unavailable", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new Error("no network in this test")));
    expect(await lookupPostalCode("530-0001")).toEqual([{ postalCode: "5300001", prefecture: "大阪府", city: "大阪市北区", town: "梅田" }]);
  });

  it("names prefectures exactly as PREFECTURES does", async () => {
    const codes = ["0010000", "1000001", "2310023", "4600001", "5300001", "8100001", "9000001"];
    const names = new Set(PREFECTURES.map((prefecture) => prefecture.ja));
    for (const code of codes) {
      const [address] = await lookupPostalCode(code);
      expect(address && names.has(address.prefecture)).toBe(true);
    }
  });
});
