/**
 * What makes a recruiting-office password acceptable. Staff see every candidate's personal details, so
 * their passwords are judged by how guessable they are rather than by composition rules (NIST SP 800-63B):
 * long enough, not common in English or Japanese, not a keyboard walk, not built from the person's own name.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as japaneseDictionary } from "@zxcvbn-ts/language-ja";

export const STAFF_PASSWORD_MIN_LENGTH = 12;
// Long enough for any passphrase; short enough that judging stays under half a second at worst.
export const STAFF_PASSWORD_MAX_LENGTH = 128;
// zxcvbn's score 3: about 10^10 guesses, which a slow hash (argon2id) keeps out of reach offline.
const MIN_SCORE = 3;

/** Why zxcvbn found a password weak; the console turns each into a message (zxcvbn's own keys). */
export const STAFF_PASSWORD_WARNINGS = [
  "straightRow",
  "keyPattern",
  "simpleRepeat",
  "extendedRepeat",
  "sequences",
  "recentYears",
  "dates",
  "topTen",
  "topHundred",
  "common",
  "similarToCommon",
  "wordByItself",
  "namesByThemselves",
  "commonNames",
  "userInputs",
] as const;
export type StaffPasswordWarning = (typeof STAFF_PASSWORD_WARNINGS)[number];

/** What zxcvbn suggests instead; the console turns each into a message (zxcvbn's own keys). */
export const STAFF_PASSWORD_SUGGESTIONS = [
  "l33t",
  "reverseWords",
  "allUppercase",
  "capitalization",
  "dates",
  "recentYears",
  "associatedYears",
  "sequences",
  "repeated",
  "longerKeyboardPattern",
  "anotherWord",
  "useWords",
  "noNeed",
] as const;
export type StaffPasswordSuggestion = (typeof STAFF_PASSWORD_SUGGESTIONS)[number];

export type StaffPasswordJudgement =
  | { ok: true }
  | { ok: false; reason: "tooShort" | "tooLong" | "containsIdentity" }
  | { ok: false; reason: "weak"; warning?: StaffPasswordWarning; suggestions?: StaffPasswordSuggestion[] };

export interface StaffIdentity {
  email: string;
  name: string;
}

let estimator: ZxcvbnFactory | undefined;

/** The strength estimator, built on first use: loading the dictionaries takes tens of milliseconds. */
function passwordEstimator(): ZxcvbnFactory {
  // No translations: feedback then comes back as zxcvbn's keys, which the console's catalogue translates.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...japaneseDictionary },
    graphs: adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  return estimator;
}

/**
 * The form a password is judged and hashed in: NFKC, so full-width and half-width input of the same
 * characters is one password whichever keyboard typed it. Spaces are kept: they belong to passphrases.
 */
export function normaliseStaffPassword(password: string): string {
  return password.toWellFormed().normalize("NFKC");
}

/** Judges a password a staff member chose; hash `normaliseStaffPassword(password)` once it is accepted. */
export function judgeStaffPassword(password: string, identity: StaffIdentity): StaffPasswordJudgement {
  const normalised = normaliseStaffPassword(password);
  // Code points, not UTF-16 units: 「パスワード」 is five characters however it is stored.
  const length = [...normalised].length;
  if (length < STAFF_PASSWORD_MIN_LENGTH) return { ok: false, reason: "tooShort" };
  if (length > STAFF_PASSWORD_MAX_LENGTH) return { ok: false, reason: "tooLong" };

  const words = identityWords(identity);
  const result = passwordEstimator().check(normalised, words);
  if (result.score < MIN_SCORE) {
    // zxcvbn warns "userInputs" when the person's own name or address is what made the password weak.
    if (result.feedback.warning === "userInputs") return { ok: false, reason: "containsIdentity" };
    return weakJudgement(result.feedback);
  }
  // zxcvbn counts 「hanako.yamada」 as three words; to someone who targets Hanako it is one guess.
  const rest = withoutIdentity(normalised, words);
  if (rest !== null && passwordEstimator().check(rest, words).score < MIN_SCORE) return { ok: false, reason: "containsIdentity" };
  return { ok: true };
}

/** A weak judgement with zxcvbn's warning and suggestions, keeping only the keys the console knows. */
function weakJudgement(feedback: { warning: string | null; suggestions: string[] }): StaffPasswordJudgement {
  const suggestions = feedback.suggestions.filter(isSuggestion);
  return {
    ok: false,
    reason: "weak",
    ...(feedback.warning && isWarning(feedback.warning) ? { warning: feedback.warning } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
  };
}

/**
 * The password (lower case) with the person's own words taken out, or null when it holds none of them.
 * Only words of three characters or more, or two beyond ASCII (kanji, kana), count: shorter ones (「li」, 「ko」) sit
 * inside too many good passwords by chance.
 */
function withoutIdentity(password: string, words: string[]): string | null {
  const telling = words.filter((w) => [...w].length >= 3 || (/[^\p{ASCII}]/u.test(w) && [...w].length >= 2));
  // Longest first, so 「yamada.hanako」 goes whole before 「yamada」 could split it.
  telling.sort((a, b) => b.length - a.length);
  const lower = password.toLowerCase();
  let rest = lower;
  for (const word of telling) rest = rest.replaceAll(word, "");
  return rest === lower ? null : rest;
}

/** The person's own words for zxcvbn: the address, its local part whole and in pieces, the name whole and in pieces. */
function identityWords({ email, name }: StaffIdentity): string[] {
  const address = normaliseStaffPassword(email).toLowerCase();
  const localPart = emailLocalPart(address);
  const fullName = normaliseStaffPassword(name).toLowerCase();
  const words = [
    address,
    localPart,
    lettersAndDigits(localPart),
    ...localPart.split(/[^\p{L}\p{N}]+/u),
    fullName,
    lettersAndDigits(fullName),
    ...fullName.split(/[\s\p{P}]+/u),
  ];
  return [...new Set(words.filter((w) => w.length >= 2))];
}

function emailLocalPart(email: string): string {
  const at = email.lastIndexOf("@");
  return at === -1 ? email : email.slice(0, at);
}

/** Letters and digits only, NFKC and lower case, so 「Yamada.Hanako」 and 「yamada hanako」 compare equal. */
function lettersAndDigits(text: string): string {
  return normaliseStaffPassword(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

function isWarning(code: string): code is StaffPasswordWarning {
  return (STAFF_PASSWORD_WARNINGS as readonly string[]).includes(code);
}

function isSuggestion(code: string): code is StaffPasswordSuggestion {
  return (STAFF_PASSWORD_SUGGESTIONS as readonly string[]).includes(code);
}
