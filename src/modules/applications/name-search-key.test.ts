import { describe, expect, it } from "vitest";
import { nameSearchKey, nameSearchPieces } from "./name-search-key.ts";

describe("a name as the pipeline searches it", () => {
  it("reads kana in either script, full or half width, with or without spaces, as the same key", () => {
    for (const typed of ["ヤマダ　ハナコ", "やまだ はなこ", "ﾔﾏﾀﾞ ﾊﾅｺ", "ヤマダハナコ"]) expect(nameSearchKey(typed), typed).toBe("やまだはなこ");
  });

  it("folds the alphabet to lower case, full width included, and drops the middle dot", () => {
    expect(nameSearchKey("Hanako ＹＡＭＡＤＡ")).toBe("hanakoyamada");
    expect(nameSearchKey("ジョン・スミス")).toBe("じょんすみす");
  });

  it("keeps kanji as they are", () => {
    expect(nameSearchKey("長谷川 千尋")).toBe("長谷川千尋");
  });

  it("asks the index for the key's pairs of characters, or the one character it has", () => {
    expect(nameSearchPieces("やまだ")).toEqual(["やま", "まだ"]);
    expect(nameSearchPieces("ままま")).toEqual(["まま"]);
    expect(nameSearchPieces("森")).toEqual(["森"]);
    expect(nameSearchPieces("𠮷田")).toEqual(["𠮷田"]);
  });
});
