import fc from "fast-check";

/**
 * Input people (and scripts) really send to a Japanese web form, beyond what the page offers: text pasted
 * from elsewhere, IME output, attacks, and bodies no browser would build. Shared by the fuzz tests.
 */

/** The body limit of the portal (src/app.ts); anything above must be refused with 413. */
export { MAX_FORM_BYTES as BODY_LIMIT_BYTES } from "../src/platform/http/form-body.ts";

/** Markup that would run if a page echoed it unescaped; `UNESCAPED_PAYLOAD` finds it in a page. */
export const SCRIPT_PAYLOADS = [
  "<script>fuzz(1)</script>",
  '"><script>fuzz(2)</script>',
  "'><img src=x onerror=fuzz(3)>",
  '" autofocus onfocus="fuzz(4)',
  "</textarea><svg onload=fuzz(5)>",
  "javascript:fuzz(6)",
] as const;
export const UNESCAPED_PAYLOAD = /<script>fuzz\(|<img src=x onerror=fuzz|<svg onload=fuzz|onfocus="fuzz\(/;

const CONTROL_CHARACTERS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
];
const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00ad", "\u2028", "\u2029"];
const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "a\ud83d", "\ude00b"];
const EMOJI = ["😀", "👩‍👩‍👧‍👦", "🇯🇵", "🏳️‍🌈", "🧑🏽‍💻", "🈂️"];
const RIGHT_TO_LEFT = ["\u200f", "\u202e", "مرحبا", "שלום", "\u202eexample.jp"];
const FULL_WIDTH = [
  "０９０－１２３４－５６７８",
  "４８２９１５",
  "４８２－９１５",
  "＋８１",
  "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ",
  "ー",
  "‐",
  "―",
  "−",
  "－",
  "\u3000",
];
const JAPANESE = ["山田", "花子", "ﾔﾏﾀﾞ ﾊﾅｺ", "㍻", "髙橋", "𠮷野", "﷽", "ｶﾞｷﾞｸﾞ"];
const SQL_LOOKING = [
  "' OR '1'='1",
  "'; DROP TABLE candidates; --",
  "\\",
  "%",
  "_",
  "$1",
  "\\x00",
  "1; SELECT pg_sleep(5)",
  "' UNION SELECT pin_hash FROM candidates --",
];
// Literal placeholders: they must reach the page as typed, never be filled in.
// biome-ignore lint/suspicious/noTemplateCurlyInString: the text is the point
const TEMPLATE_LOOKING = ["{identifier}", "{minutes}", "%s%s%n", "${process.env}", "__proto__", "constructor", "toString", "{{7*7}}"];
const NUMBER_LOOKING = ["0", "-1", "1e309", "NaN", "Infinity", "0x10", "9".repeat(30), "true", "null", "[]", "{}"];
const WHITESPACE = [" ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "   \u3000  "];

export const HOSTILE_PIECES: readonly string[] = [
  ...SCRIPT_PAYLOADS,
  ...CONTROL_CHARACTERS,
  ...INVISIBLE,
  ...LONE_SURROGATES,
  ...EMOJI,
  ...RIGHT_TO_LEFT,
  ...FULL_WIDTH,
  ...JAPANESE,
  ...SQL_LOOKING,
  ...TEMPLATE_LOOKING,
  ...NUMBER_LOOKING,
  ...WHITESPACE,
  "",
];

/** Up to ~300 K UTF-16 units of one repeated piece: sometimes under the body limit, sometimes well over it. */
export const hugeText = fc
  .tuple(fc.constantFrom("a", "９", "あ", "😀", "<", "%", "\u0000", "\ud800", "@", "-"), fc.integer({ min: 1_000, max: 300_000 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)));

/** Any hostile text: single pieces, mixtures with random Unicode, and now and then a huge one. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  {
    weight: 4,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: "binary", maxLength: 6 }), fc.string({ maxLength: 6 })), { maxLength: 6 })
      .map((parts) => parts.join("")),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: hugeText },
);

/** Values a JSON body can carry where a form would only ever send a string. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);

/**
 * One form field as it may arrive: a plausible value (so later checks are reached), hostile text, missing
 * (`undefined`), sent twice or more (arrives as an array), or a number, boolean, object in place of a string.
 */
export function fieldValue(plausible: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 4, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.array(fc.oneof(plausible, hostileText), { minLength: 2, maxLength: 3 }) },
    { weight: 1, arbitrary: wrongType },
  );
}

/** Names of fields no form of ours has, including ones that mean something to JavaScript objects. */
export const unknownFieldName = fc
  .oneof(
    fc.constantFrom("__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "pin[]", "email[0]", "a.b", "", "名前", "x y", "a".repeat(2_000)),
    fc.string({ minLength: 1, maxLength: 12 }),
  )
  .filter((name) => name !== "_csrf");

/** A few fields nobody asked for. */
export const extraFields = fc.dictionary(unknownFieldName, fc.oneof(hostileText, wrongType), { maxKeys: 3 });

/** Pieces of an urlencoded body that no browser would write: bad escapes, invalid UTF-8, stray separators. */
export const malformedUrlencoded = fc
  .array(
    fc.constantFrom(
      "%",
      "%zz",
      "%E0%A4%A",
      "%ED%A0%80",
      "%C0%AF",
      "%FF%FE",
      "%00",
      "&&&",
      "=",
      "==x",
      "x=1=2",
      "+++",
      "a[b]=c",
      "a[]=1&a[]=2",
      "__proto__[polluted]=1",
      "constructor[prototype][polluted]=1",
      "%5F%5Fproto%5F%5F=1",
      "\u0000=\u0000",
      "ü=ü",
      "日本=語",
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join("&"));

/** How a body reaches the server: as a browser form, as JSON, broken, or in a type the portal does not take. */
export type Encoding = "form" | "json" | "malformed" | "text" | "multipart" | "none";
export const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 12, arbitrary: fc.constant("form" as const) },
  { weight: 3, arbitrary: fc.constant("json" as const) },
  { weight: 2, arbitrary: fc.constant("malformed" as const) },
  { weight: 1, arbitrary: fc.constantFrom("text" as const, "multipart" as const, "none" as const) },
);

/** The CSRF field: right in most runs so the input reaches the route; otherwise missing, wrong, or sent twice. */
export type CsrfField = { kind: "valid" } | { kind: "missing" } | { kind: "twice" } | { kind: "wrong"; value: string };
export const csrfField: fc.Arbitrary<CsrfField> = fc.oneof(
  { weight: 16, arbitrary: fc.constant({ kind: "valid" } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: "missing" } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: "twice" } as const) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        hostileText.filter((s) => s.length < 1_000),
      )
      .map((value) => ({ kind: "wrong" as const, value })),
  },
);

/** Marks a field left as the valid form had it. */
const KEEP = Symbol("keep");

/**
 * What an attacker or a broken client does to a valid form: each field is kept or, now and then, replaced by
 * a plausible alternative, hostile text, nothing (`undefined`: the field is left out), several values, or a
 * value of the wrong type. `keepWeight` is how much more often a field is kept than damaged.
 */
export function damageOf(shape: Record<string, fc.Arbitrary<string>>, keepWeight: number): fc.Arbitrary<Record<string, unknown>> {
  const perField = Object.fromEntries(
    Object.entries(shape).map(([name, plausible]) => [
      name,
      fc.oneof({ weight: keepWeight, arbitrary: fc.constant<unknown>(KEEP) }, { weight: 1, arbitrary: fieldValue(plausible) }),
    ]),
  );
  return fc.record(perField).map((fields) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== KEEP)));
}

/** One submission of a form: the changes made to the valid form, extra fields, the encoding, the CSRF field, junk for a broken body. */
export type Submission = { damage: Record<string, unknown>; extra: Record<string, unknown>; encoding: Encoding; csrf: CsrfField; junk: string };

/** Submissions of a form whose fields are `shape`, starting from a valid form the test fills in at run time. */
export function submissionOf(shape: Record<string, fc.Arbitrary<string>>, keepWeight = 1): fc.Arbitrary<Submission> {
  return fc.record({
    damage: damageOf(shape, keepWeight),
    extra: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extraFields }),
    encoding,
    csrf: csrfField,
    junk: malformedUrlencoded,
  });
}

/** The fields as they are sent: unknown extras, then the valid form, then the damage; `undefined` means left out. */
export function fieldsOf(submission: Submission, valid: Record<string, string>): Record<string, unknown> {
  return { ...submission.extra, ...valid, ...submission.damage };
}

/** Strings of UUID characters and length that are mostly not UUIDs ("----…", 36 hex digits without hyphens). */
export const uuidLookalike = fc.stringMatching(/^[0-9a-f-]{36}$/);

/** Percent-encodes text as a browser would put it into a URL (lone surrogates become U+FFFD, as in UTF-8). */
export function urlEncoded(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`))
    .join("");
}

/** Lone surrogates cannot travel in UTF-8; this is what a string becomes once it has been through a form. */
export function asSentInUtf8(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

/** Path segments no browser sends but anyone can type: bad escapes and invalid UTF-8. */
export const malformedEscape = fc.constantFrom("%", "%zz", "%E0%A4%A", "%ED%A0%80", "%C0%AF", "%FF", "abc%2", "%%%");

/** Path segments far longer than any id the portal hands out. */
export const overlongSegment = fc.integer({ min: 201, max: 3_000 }).map((length) => "7".repeat(length));

/** A body as it goes over the wire. */
export type EncodedBody = { contentType: string | undefined; payload: string | undefined };

function appendField(params: URLSearchParams, name: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const one of value) appendField(params, name, one);
    return;
  }
  if (value !== null && typeof value === "object") {
    // The bracket style of PHP and `qs`: what a client built around objects sends.
    for (const [key, inner] of Object.entries(value)) appendField(params, `${name}[${key}]`, inner);
    return;
  }
  params.append(name, value === null ? "" : String(value));
}

function urlencodedOf(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) appendField(params, name, value);
  return params.toString();
}

function csrfValues(csrf: CsrfField, token: string): string[] {
  switch (csrf.kind) {
    case "valid":
      return [token];
    case "missing":
      return [];
    case "twice":
      return [token, token];
    case "wrong":
      return [csrf.value];
  }
}

/** Encodes fields the way the submission says, with the CSRF field built from this browser's token. */
export function encodeSubmission(submission: Pick<Submission, "encoding" | "csrf" | "junk">, fields: Record<string, unknown>, token: string): EncodedBody {
  const tokens = csrfValues(submission.csrf, token);
  const withToken = tokens.length === 0 ? fields : { _csrf: tokens.length === 1 ? tokens[0] : tokens, ...fields };
  switch (submission.encoding) {
    case "form":
      return { contentType: "application/x-www-form-urlencoded", payload: urlencodedOf(withToken) };
    case "json":
      return { contentType: "application/json", payload: JSON.stringify(withToken) };
    case "malformed": {
      const csrfPart = tokens.map((t) => `_csrf=${encodeURIComponent(asSentInUtf8(t))}`).join("&");
      return { contentType: "application/x-www-form-urlencoded", payload: [csrfPart, submission.junk, urlencodedOf(fields)].filter(Boolean).join("&") };
    }
    case "text":
      return { contentType: "text/plain;charset=UTF-8", payload: urlencodedOf(withToken) };
    case "multipart": {
      const boundary = "----fuzzboundary7MA4YWxkTrZu0gW";
      const parts = [...new URLSearchParams(urlencodedOf(withToken))].map(
        ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"\r\n\r\n${value}\r\n`,
      );
      return { contentType: `multipart/form-data; boundary=${boundary}`, payload: `${parts.join("")}--${boundary}--\r\n` };
    }
    case "none":
      return { contentType: undefined, payload: undefined };
  }
}

// ---- The account forms' fields ---------------------------------------------------------------------

/*
 * Plausible values of the account forms' fields (PINs, codes, addresses, numbers, return addresses), so that
 * damage to one field lets the others reach the route's own checks.
 */
export const pinLike = fc.constantFrom("905172", "９０５１７２", "905-172", " 905172 ", "90517", "9051720", "482915", "４８２９１５", "４８２－９１５");
export const codeLike = fc.constantFrom("000000", "０００００１", "000-001", "00000", "0000000", " 123456 ", "12 34 56");
export const emailLike = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom("Hanako@Example.JP", "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ", "a@b", "a@@b.jp", "a..b@example.jp"),
);
export const phoneLike = fc.constantFrom(
  "090-1234-5678",
  "０９０－１２３４－５６７８",
  "09012345678",
  "+81 90 1234 5678",
  "(090) 1234 5678",
  "0312345678",
  "12",
  "+1 202 555 0143",
);
export const returnAddress = fc.oneof(
  fc.constantFrom("/jobs/230107874", "/account", "//evil.example/x", "https://evil.example/", "/\\evil.example", "/jobs?x=1#top"),
  hostileText.filter((t) => t.length < 600),
);
