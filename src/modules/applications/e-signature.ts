import { createHash } from "node:crypto";
import { normaliseText } from "../../platform/text/japanese-input.ts";
import type { Application } from "./schema.ts";

/** Does the typed signature name the candidate's legal name (alphabet, kanji or kana, either order, any spacing or width)? */
export function signatureMatches(typed: string, app: Pick<Application, "personal">): boolean {
  const p = app.personal;
  if (!p) return false;
  const squash = (s: string) =>
    normaliseText(s)
      .toLowerCase()
      .replace(/[\s・.,'-]/g, "");
  const t = squash(typed);
  if (!t) return false;
  const latin = [p.givenNameLatin, p.middleNameLatin ?? "", p.familyNameLatin];
  const names = [
    latin.join(""),
    [p.familyNameLatin, p.givenNameLatin, p.middleNameLatin ?? ""].join(""),
    p.givenNameLatin + p.familyNameLatin,
    p.familyNameLatin + p.givenNameLatin,
  ];
  if (p.familyNameKanji && p.givenNameKanji) names.push(p.familyNameKanji + p.givenNameKanji, p.givenNameKanji + p.familyNameKanji);
  names.push(p.familyNameKana + p.givenNameKana);
  return names.map(squash).includes(t);
}

/** The exact statement signed, hashed with the name so the record shows what was agreed to. */
export function signatureHash(statement: string, name: string, signedAt: Date): string {
  return createHash("sha256").update(`${statement}\n${name}\n${signedAt.toISOString()}`).digest("hex");
}
