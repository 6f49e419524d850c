import { type SQL, sql } from "drizzle-orm";

// Katakana and their hiragana, in the same order: a name typed in either script is searched as one.
const KATAKANA = Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => String.fromCodePoint(0x30a1 + i)).join("");
const HIRAGANA = Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, i) => String.fromCodePoint(0x3041 + i)).join("");

/**
 * A name as the pipeline searches it: NFKC (full-width letters, half-width kana), katakana as hiragana,
 * lower case, without spaces or the middle dot some write between foreign names. 「ヤマダ　ハナコ」, 「やまだはなこ」
 * and 「ﾔﾏﾀﾞ ﾊﾅｺ」 all become 「やまだはなこ」; 「Hanako YAMADA」 becomes 「hanakoyamada」.
 */
export function nameSearchKey(text: string): string {
  const folded = text.normalize("NFKC").replace(/[\u30a1-\u30f6]/g, (c) => String.fromCodePoint(c.codePointAt(0)! - 0x60));
  return folded.toLowerCase().replace(/[\s・]/g, "");
}

/**
 * The same folding in SQL, for the stored search column and for names read from another table. Spaces are
 * dropped after NFKC, which has already turned the ideographic space into an ordinary one.
 */
export function nameSearchKeySql(text: SQL): SQL {
  return hiraganaLowerSql(sql`normalize(${text}, NFKC)`);
}

/**
 * The folding without NFKC, for text the forms have already normalised (every field goes through NFKC
 * when it is parsed): cheaper where it runs for every row written, as in a sort key.
 */
export function hiraganaLowerSql(text: SQL): SQL {
  return sql`lower(translate(replace(replace(${text}, ' ', ''), '・', ''), '${sql.raw(KATAKANA)}', '${sql.raw(HIRAGANA)}'))`;
}

/**
 * The pieces of a search key the name index is asked for (the pipeline_and_templates migration indexes every one- and
 * two-character piece of a folded name): the key itself when it is one character, else its pairs.
 */
export function nameSearchPieces(key: string): string[] {
  const chars = [...key];
  if (chars.length <= 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
}
