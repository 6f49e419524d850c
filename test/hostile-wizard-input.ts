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
