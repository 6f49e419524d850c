import fc from "fast-check";
import {
  type CsrfField,
  csrfField,
  hostileText,
  hugeText,
  malformedEscape,
  overlongSegment,
  SCRIPT_PAYLOADS,
  urlEncoded,
  uuidLookalike,
} from "./hostile-input.ts";

/**
 * Input people and scripts send to the application wizard, the assessment player and the document upload,
 * beyond what those pages offer. Builds on the account forms' pieces in `hostile-input.ts`.
 */

/** Short hostile text: what fits in a URL or a header without making every run a body-limit test. */
export const shortHostileText = hostileText.filter((text) => text.length < 300);

/**
 * A `version` field that can never be the page's current version: an older or newer tab's number, the
 * number written another way, or no version at all. Numbers with the same value as `current` are left out,
 * so a form sent with one of these must be refused as stale, never saved.
 */
export function staleVersion(current: number): fc.Arbitrary<unknown> {
  const sameVersion = (value: unknown) => typeof value === "string" && /^\d{1,9}$/.test(value) && Number(value) === current;
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(String(current + 1), String(current + 2), "999999999", ...(current > 0 ? [String(current - 1)] : [])) },
      {
        weight: 3,
        arbitrary: fc.constantFrom("-1", `${current}.0`, `+${current}`, ` ${current}`, `${current} `, "１", "1e0", "0x1", "", "NaN", "9".repeat(30), "null"),
      },
      { weight: 2, arbitrary: shortHostileText },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom(String(current), String(current + 1)), { minLength: 2, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)) },
    )
    .filter((value) => !sameVersion(value));
}

/** What the wizard's buttons send as `intent`, and what a hand-made request may send instead. */
export const intentLike = fc.constantFrom("continue", "save", "continue", "save", "lookup", "skip", "SAVE", "Continue", "delete", "");

/** A step of the assessment as typed into the address bar: real step numbers, numbers out of range, numbers written oddly, junk. */
export const stepSegment = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 60 }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "-1",
      "1e1",
      "0x10",
      "1.5",
      "10.0",
      "+12",
      "%2012",
      "012",
      "9".repeat(30),
      "Infinity",
      "NaN",
      "１２",
      "__proto__",
      "constructor",
      "settings",
      "events",
    ),
  },
  { weight: 2, arbitrary: shortHostileText.map(urlEncoded).filter((s) => s.length > 0 && s.length <= 200) },
  { weight: 1, arbitrary: malformedEscape },
  { weight: 1, arbitrary: overlongSegment },
);

/** An application id in a path: real-looking UUIDs, UUID-shaped junk, numbers, hostile text, bad escapes, over-long ids. */
export const applicationIdSegment = fc.oneof(
  { weight: 3, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: uuidLookalike },
  { weight: 1, arbitrary: fc.stringMatching(/^\d{1,25}$/) },
  { weight: 2, arbitrary: shortHostileText.map(urlEncoded).filter((s) => s.length > 0 && s.length <= 200) },
  { weight: 1, arbitrary: malformedEscape },
  { weight: 1, arbitrary: overlongSegment },
);

/**
 * An answer to an assessment item as a script or a hand-made request sends it: one of the page's own choices
 * (picked by index at run time) as is or with decoration a person cannot type into a radio button (signs,
 * spaces, invisible characters, full-width digits), or something else entirely.
 */
export type ItemAnswerInput = { kind: "choice"; index: number; decoration: { before: string; after: string } } | { kind: "other"; value: unknown };
export const itemAnswerInput: fc.Arbitrary<ItemAnswerInput> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("choice" as const),
      index: fc.nat(10),
      decoration: fc.oneof(
        { weight: 4, arbitrary: fc.constant({ before: "", after: "" }) },
        {
          weight: 3,
          arbitrary: fc.record({
            before: fc.constantFrom("", " ", "+", "\t", "\n", "\u3000", "\ufeff", "\u00a0", "0"),
            after: fc.constantFrom("", " ", "\n", "\r\n", "\u3000", "\ufeff", "\u2028", "\u0000", "x"),
          }),
        },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom("a", "b", "c", "d", "e", "A", "-2", "-1", "0", "1", "2", "3", "２", "-０", "1.0", "+-1", "--1", "", "null", "undefined"),
        shortHostileText,
        fc.constant(undefined),
        fc.array(fc.constantFrom("a", "b", "1", "-1"), { minLength: 2, maxLength: 3 }),
        fc.oneof(fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null)),
      )
      .map((value) => ({ kind: "other" as const, value })),
  },
);

/** The kinds of event the player's script reports, and what a broken or hostile script may report instead. */
export const eventKind: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("focus-lost", "hidden", "paste", "play", "transcript") },
  { weight: 2, arbitrary: fc.constantFrom("PASTE", "focus_lost", "blur", "answer", "complete", "", "__proto__", "toString", "constructor") },
  { weight: 2, arbitrary: shortHostileText },
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.constantFrom("paste", "hidden"), { minLength: 1, maxLength: 2 })),
  },
);

/** Notice names in a query: the wizard's own, names that mean something to JavaScript objects, and junk. */
export const noticeName = fc.oneof(
  fc.constantFrom("saved", "withdrawn", "closed", "assessmentReused", "registered", "toString", "constructor", "__proto__", "valueOf", "hasOwnProperty"),
  shortHostileText,
);

/** A `return` address or marker in a query or form: the wizard's own `review`, other paths, other sites, junk. */
export const returnValue = fc.oneof(
  fc.constantFrom(
    "review",
    "REVIEW",
    "review ",
    "/review",
    "//evil.example/x",
    "https://evil.example/",
    "/\\evil.example",
    "javascript:fuzz(6)",
    "/.//evil.example",
  ),
  shortHostileText,
);

// ---- The wizard's forms -----------------------------------------------------------------------------

/*
 * Plausible alternatives to each field of the wizard's forms, so that damage to one field lets the others reach
 * the route's own checks.
 */
const personalPhoneLike = fc.constantFrom(
  "090-1234-5678",
  "０９０－１２３４－５６７８",
  "09012345678",
  "+81 90 1234 5678",
  "0312345678",
  "12",
  "+1 202 555 0143",
);
const yesNo = fc.constantFrom("yes", "no", "YES", "はい", "on");
export const PERSONAL_SHAPE = {
  familyNameLatin: fc.constantFrom("Yamada", "ＹＡＭＡＤＡ", "yamada", "O'Neil", "van der Berg", "ヤマダ", "a".repeat(41)),
  givenNameLatin: fc.constantFrom("Hanako", "Ｈａｎａｋｏ", "Anne-Marie", "Hanako1", "花子"),
  middleNameLatin: fc.constantFrom("", "Anne", "Ａｎｎｅ", "J.", "1"),
  familyNameKanji: fc.constantFrom("山田", "髙橋", "𠮷野", "", "ﾔﾏﾀﾞ"),
  givenNameKanji: fc.constantFrom("花子", "", "a".repeat(41)),
  familyNameKana: fc.constantFrom("ヤマダ", "ﾔﾏﾀﾞ", "やまだ", "ヤマダ\u3000", "ヤ・マダ"),
  givenNameKana: fc.constantFrom("ハナコ", "ﾊﾅｺ", "はなこ", ""),
  preferredName: fc.constantFrom("", "ハナ", "Hana", "😀"),
  country: fc.constantFrom("JP", "JP", "OTHER", "jp", "US"),
  postalCode: fc.constantFrom("100-0001", "１００－０００１", "〒1000001", "1000001", "12345", "0000000", "SW1A 1AA", "10115"),
  prefecture: fc.constantFrom("東京都", "大阪府", "Tokyo", "", "東京"),
  city: fc.constantFrom("千代田区", "ﾁﾖﾀﾞｸ", "London", "a".repeat(61)),
  address1: fc.constantFrom("千代田1-1", "１－１", "221B Baker Street", "a".repeat(81)),
  address2: fc.constantFrom("", "サンプルビル3階", "Flat 2"),
  address3: fc.constantFrom("", "c/o Yamada"),
  email: fc.constantFrom("hanako.personal@example.jp", "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ", "Hanako@Example.JP", "a@b", "a..b@example.jp"),
  phoneType: fc.constantFrom("mobile", "home", "fax"),
  phone: personalPhoneLike,
  smsConsent: fc.constantFrom("yes", "no", ""),
  feedbackConsent: fc.constantFrom("yes", "no", ""),
  birthYear: fc.constantFrom("1995", "１９９５", "95", "1899", "2100", "2012", ""),
  birthMonth: fc.constantFrom("4", "04", "０４", "13", "0", "2"),
  birthDay: fc.constantFrom("15", "31", "30", "0", "１５"),
  startYear: fc.constantFrom("", "2099", "2020", "２０９９"),
  startMonth: fc.constantFrom("", "1", "12"),
  startDay: fc.constantFrom("", "1", "31"),
  howHeard: fc.constantFrom("jobSite", "sns", "other", "tv", ""),
  intent: intentLike,
  return: returnValue,
};
export const FORM_SHAPES: Record<string, Record<string, fc.Arbitrary<string>>> = {
  personal: PERSONAL_SHAPE,
  documents: { intent: fc.constantFrom("skip", "continue", "save", "SKIP", "") },
  eligibility: { age18: yesNo, preHireDocuments: fc.constantFrom("understood", "notUnderstood", "理解した"), intent: intentLike, return: returnValue },
  "work-authorization": {
    workAuthorizationType: fc.constantFrom("japanese", "permanent", "otherWorkVisa", "none", "JAPANESE", "日本国籍"),
    student: fc.constantFrom("student", "notStudent", ""),
    confirmStep3: yesNo,
    intent: intentLike,
  },
  "self-identification": { gender: fc.constantFrom("female", "male", "noAnswer", "other", "Female", ""), intent: intentLike },
  pledge: { consent: fc.constantFrom("yes", "no", "on", "YES", "") },
  "final-questions": {
    languages: fc.constantFrom("ja", "en", "other", "xx", "ja,en"),
    privateRoom: yesNo,
    workPlace: fc.constantFrom("study", "ownRoom", "garage"),
    quietEnvironment: yesNo,
    stressHistory: fc.constantFrom("無", "なし\r\n特にありません", "ｱﾘ", " 無 ", "x".repeat(1_001), ...SCRIPT_PAYLOADS),
    stressHistoryConsent: fc.constantFrom("yes", "no", ""),
    doubleWork: fc.constantFrom("none", "planned", "undecided", "maybe"),
    workAuthorizationFinal: fc.constantFrom("japaneseOrSpecial", "residentStatus", "workVisa", "none", "NONE"),
    confirmFinal: yesNo,
    intent: intentLike,
    return: returnValue,
  },
};

// ---- The document upload (multipart/form-data) ------------------------------------------------------

/** The file part of an upload: a real PDF, a page pretending to be one, an empty part (no file chosen), or something else. */
export type UploadFile = { content: "pdf" | "html" | "empty" | "text"; fileName: string; contentType: string };
const uploadFile: fc.Arbitrary<UploadFile> = fc.record({
  content: fc.constantFrom("pdf", "pdf", "pdf", "html", "empty", "text"),
  fileName: fc.oneof(
    fc.constantFrom("rirekisho.pdf", "履歴書.pdf", "", "a.exe.pdf", "..\\..\\boot.ini", "../../etc/passwd", "résumé.pdf"),
    ...SCRIPT_PAYLOADS.map((p) => fc.constant(`${p}.pdf`)),
  ),
  contentType: fc.constantFrom("application/pdf", "application/octet-stream", "text/html", "image/png", ""),
});

/** One part of the multipart body as it goes over the wire; names and values are whatever the client chose. */
export type UploadPart = { kind: "field"; name: string; value: string } | { kind: "file"; name: string; file: UploadFile };

/** How the multipart body as a whole may be broken, beyond its parts. */
export type UploadFraming = "intact" | "no-boundary" | "cut-short" | "no-closing-boundary" | "wrong-boundary";

/**
 * An upload: the parts in the order sent (a browser sends token, back, label, file, note), how the body is
 * framed, and the CSRF field. The token's value is filled in at run time from `csrf`.
 */
export type HostileUpload = { parts: UploadPart[]; csrf: CsrfField; framing: UploadFraming };

const labelLike = fc.constantFrom("履歴書", "職務経歴書 2024", "ﾘﾚｷｼｮ", "Ｒｅｓｕｍｅ", "  履歴書\u3000", "a".repeat(100), "あ".repeat(101), "");
const noteLike = fc.constantFrom("2024年4月更新", "最新版です\n改行あり", "", "x".repeat(500), "x".repeat(501));
const textPiece = (plausible: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: hugeText.map((t) => t.slice(0, 4_000)) });

/** One field's parts: absent, once, or several times (a field a browser sends once). */
const repeated = (value: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as string[]) },
    { weight: 8, arbitrary: value.map((v) => [v]) },
    { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) },
  );

export function hostileUpload(backLike: fc.Arbitrary<string>): fc.Arbitrary<HostileUpload> {
  return fc
    .record({
      back: repeated(fc.oneof({ weight: 3, arbitrary: backLike }, { weight: 1, arbitrary: shortHostileText })),
      label: repeated(textPiece(labelLike)),
      note: repeated(textPiece(noteLike)),
      files: fc.oneof(
        { weight: 1, arbitrary: fc.constant([] as UploadFile[]) },
        { weight: 8, arbitrary: uploadFile.map((f) => [f]) },
        { weight: 1, arbitrary: fc.array(uploadFile, { minLength: 2, maxLength: 2 }) },
      ),
      extra: fc.array(
        fc.record({ name: fc.constantFrom("__proto__", "constructor", "version", "intent", "", "名前", "file[]", "x"), value: shortHostileText }),
        { maxLength: 2 },
      ),
      fileFieldName: fc.constantFrom("file", "file", "file", "File", "upload", ""),
      order: fc.constantFrom("browser", "browser", "browser", "file-first", "token-last", "shuffled"),
      shuffleSeed: fc.nat(),
      csrf: csrfField,
      framing: fc.constantFrom<UploadFraming>(
        "intact",
        "intact",
        "intact",
        "intact",
        "intact",
        "intact",
        "no-boundary",
        "cut-short",
        "no-closing-boundary",
        "wrong-boundary",
      ),
    })
    .map(({ back, label, note, files, extra, fileFieldName, order, shuffleSeed, csrf, framing }) => {
      const token: UploadPart[] = [{ kind: "field", name: "_csrf", value: "" }];
      const backParts = back.map((value): UploadPart => ({ kind: "field", name: "back", value }));
      const labelParts = label.map((value): UploadPart => ({ kind: "field", name: "label", value }));
      const noteParts = note.map((value): UploadPart => ({ kind: "field", name: "note", value }));
      const fileParts = files.map((file): UploadPart => ({ kind: "file", name: fileFieldName, file }));
      const extraParts = extra.map(({ name, value }): UploadPart => ({ kind: "field", name, value }));
      const browserOrder = [...token, ...backParts, ...labelParts, ...fileParts, ...noteParts, ...extraParts];
      let parts: UploadPart[];
      switch (order) {
        case "browser":
          parts = browserOrder;
          break;
        case "file-first":
          parts = [...fileParts, ...token, ...backParts, ...labelParts, ...noteParts, ...extraParts];
          break;
        case "token-last":
          parts = [...backParts, ...labelParts, ...fileParts, ...noteParts, ...extraParts, ...token];
          break;
        default: {
          // A deterministic shuffle from the seed, so a failing run replays the same order.
          let seed = shuffleSeed;
          parts = browserOrder
            .map((part) => {
              seed = (seed * 1103515245 + 12345) % 2 ** 31;
              return { part, key: seed };
            })
            .sort((a, b) => a.key - b.key)
            .map(({ part }) => part);
        }
      }
      return { parts, csrf, framing };
    });
}
