import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  check,
  closeFuzzPortal,
  follow,
  locale,
  openFuzzPortal,
  portal,
  RUN_TIMEOUT_MS,
  SETUP_TIMEOUT_MS,
  send,
  type WireBody,
} from "../../../../test/fuzz-portal.ts";
import { asSentInUtf8, type CsrfField } from "../../../../test/hostile-input.ts";
import { type HostileUpload, hostileUpload, type UploadFile } from "../../../../test/hostile-wizard-input.ts";
import { type Applicant, applicantAt, expectAnsweredWell, expectStoredNormalised, keep } from "../../../../test/wizard-fuzz.ts";
import { deleteDocumentFor, listDocuments, MAX_DOCUMENT_LABEL_LENGTH, MAX_DOCUMENT_NOTE_LENGTH } from "../../../modules/documents/document-store.ts";
import { minimalPdf } from "../../../modules/documents/inspection/document-fixtures.ts";
import { normaliseText } from "../../../platform/text/japanese-input.ts";

/*
 * QUALITY.md, Reliability, "Bad input": 書類のアップロード from STEP 1, sent hostile multipart bodies (broken framing, parts in any
 * order, hostile names and labels, files that are not what they say), keeps a document only from a well-formed
 * form with its token before the file, label and note normalised, and never changes the application.
 */

/** Uploads documents to their profile from STEP 1; their application itself must not change. */
let uploader: Applicant;

beforeAll(async () => {
  await openFuzzPortal();
  uploader = await applicantAt("personal");
  await keep("the uploader's application", uploader);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

const UPLOAD_BYTES: Record<UploadFile["content"], Buffer> = {
  pdf: Buffer.from(minimalPdf()),
  html: Buffer.from("<!doctype html><html><body><script>fuzz(1)</script></body></html>"),
  empty: Buffer.alloc(0),
  text: Buffer.from("履歴書\n山田花子\n"),
};

function tokensOf(csrf: CsrfField, token: string): string[] {
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

/** The upload as bytes on the wire, framed (or broken) as it says. */
function multipartOf(upload: HostileUpload, token: string): WireBody {
  const boundary = "----wizardfuzz7MA4YWxkTrZu0gW";
  const quoted = (name: string) => name.replace(/"/g, "%22").replace(/[\r\n]/g, " ");
  const chunks: Buffer[] = [];
  for (const part of upload.parts) {
    if (part.kind === "field") {
      for (const value of part.name === "_csrf" ? tokensOf(upload.csrf, token) : [part.value]) {
        chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"\r\n\r\n${value}\r\n`, "utf8"));
      }
      continue;
    }
    const type = part.file.contentType ? `Content-Type: ${part.file.contentType}\r\n` : "";
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"; filename="${quoted(part.file.fileName)}"\r\n${type}\r\n`,
        "utf8",
      ),
    );
    chunks.push(UPLOAD_BYTES[part.file.content], Buffer.from("\r\n"));
  }
  if (upload.framing !== "no-closing-boundary") chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let payload = Buffer.concat(chunks);
  if (upload.framing === "cut-short") payload = payload.subarray(0, Math.floor(payload.length / 2));
  const contentType =
    upload.framing === "no-boundary"
      ? "multipart/form-data"
      : `multipart/form-data; boundary=${upload.framing === "wrong-boundary" ? "----someoneelse" : boundary}`;
  return { contentType, payload };
}

describe("書類のアップロード (POST /documents) under hostile multipart bodies", () => {
  it(
    "keeps a document only from a well-formed form with the token before the file, with label and note normalised",
    async () => {
      const back = `/applications/${uploader.id}/documents`;
      const input = fc.record({
        upload: hostileUpload(
          fc.constantFrom(
            back,
            "/account/documents",
            "//evil.example/x",
            "https://evil.example/",
            "/\\evil.example",
            "/.//evil.example",
            `${back}?documents=deleted#top`,
          ),
        ),
        language: locale,
      });
      await check(
        input,
        async ({ upload, language }) => {
          // Keep room under the ten-document limit, so a valid upload is kept rather than refused for the count.
          const existing = await listDocuments(portal.db, uploader.who.candidate.id);
          if (existing.length >= 8)
            for (const d of existing) await deleteDocumentFor(portal.db, { principal: { kind: "candidate", id: uploader.who.candidate.id }, documentId: d.id });
          const answer = await send(uploader.browser, "POST", "/documents", language, multipartOf(upload, uploader.browser.csrf ?? ""));
          expectAnsweredWell(answer, language);
          const firstFile = upload.parts.findIndex((p) => p.kind === "file");
          const token = upload.parts.findIndex((p) => p.kind === "field" && p.name === "_csrf");
          const tokenInTime = upload.csrf.kind === "valid" && (firstFile < 0 || token < firstFile);
          // Refused before any file byte is kept: no token (403), or a body too broken or too many parts to read it (400, 413).
          if (!tokenInTime) expect([400, 403, 413], `${answer.status} for a form without its token before the file`).toContain(answer.status);
          if (answer.status !== 303) return;
          expect(answer.location).toMatch(/[?&](documents=uploaded|documentError=[a-z-]+)$/);
          if (answer.location!.endsWith("documents=uploaded")) {
            const [newest] = await listDocuments(portal.db, uploader.who.candidate.id);
            const field = (name: string) => (upload.parts.find((p) => p.kind === "field" && p.name === name) as { value: string } | undefined)?.value ?? "";
            // NFKC can lengthen text a little (㍻ → 平成); the store cuts it at the limit, in characters.
            const kept = (text: string, limit: number) =>
              Array.from(normaliseText(asSentInUtf8(text)))
                .slice(0, limit)
                .join("");
            // With no 書類名 the file's own name names the document (its normalisation is checked below).
            if (kept(field("label"), MAX_DOCUMENT_LABEL_LENGTH) !== "") expect(newest!.label).toBe(kept(field("label"), MAX_DOCUMENT_LABEL_LENGTH));
            expect(newest!.note).toBe(kept(field("note"), MAX_DOCUMENT_NOTE_LENGTH));
            expectStoredNormalised("document label", newest!.label, MAX_DOCUMENT_LABEL_LENGTH);
            expectStoredNormalised("document note", newest!.note, MAX_DOCUMENT_NOTE_LENGTH);
          }
          // The page the form returns to reports the outcome in the page's language, with every label escaped.
          expectAnsweredWell(await follow(uploader.browser, answer, language), language);
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});
