import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  type DocumentSaveRefusal,
  deleteDocumentFor,
  MAX_DOCUMENT_LABEL_LENGTH,
  MAX_DOCUMENT_NOTE_LENGTH,
  readDocumentFor,
  saveDocument,
} from "../../../modules/documents/document-store.ts";
import { MAX_DOCUMENT_BYTES, safeDownloadName } from "../../../modules/documents/inspection/index.ts";
import { browserKeyCookie, safeReturnTo } from "../../../platform/http/browser-context.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { sameSecret } from "../../../platform/security/secrets.ts";
import { CANDIDATE } from "../../route-access.ts";
import { LISTS_DOCUMENTS, listedDocuments } from "../listed-with-session.ts";
import { candidateTexts } from "../messages.ts";
import { candidateOf } from "../signed-in.ts";
import { DocumentsPage, documentDisplayName, documentStatusFromQuery } from "./views.tsx";

/** Where the upload and delete forms return to when they name no page of their own. */
const DOCUMENTS_PAGE = "/account/documents";

/** The text fields the upload form sends besides the file. */
const UPLOAD_FIELDS = ["_csrf", "back", "label", "note"] as const;
type UploadField = (typeof UPLOAD_FIELDS)[number];

/** What one multipart upload carried, read in the order the form sends it. */
type UploadForm = {
  csrfOk: boolean;
  fields: Partial<Record<UploadField, string>>;
  /** A field sent twice, a value cut at the size limit or a non-text value: never from our own form. */
  malformed: boolean;
  file: { bytes: Buffer; fileName: string; truncated: boolean } | null;
};

/** Résumé and CV upload, download and deletion, and the 書類 page of 「アカウント情報」. */
export async function documentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Registered inside this plugin, so only these routes accept multipart bodies, and only this small.
  await app.register(multipart, {
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10, fieldSize: 2 * 1024, parts: 12 },
    // A file over the limit is cut short and reported as `truncated`, so the candidate gets the friendly refusal.
    throwFileSizeLimit: false,
  });
  const browserCookie = browserKeyCookie(deps.config);

  /** Reads the upload form; a body the multipart parser cannot read is a bad request. */
  async function readUpload(req: FastifyRequest): Promise<UploadForm> {
    const form: UploadForm = { csrfOk: false, fields: {}, malformed: false, file: null };
    try {
      await readParts(req, form);
    } catch (error) {
      // The multipart parser reports a body with no boundary, or one cut short, as a plain error without a
      // status; that is a bad request from the client, not a failure of ours. Limits keep their own 4xx.
      if (error instanceof AppError || (typeof error === "object" && error !== null && "statusCode" in error)) throw error;
      throw new AppError("badRequest", "malformed multipart body");
    }
    return form;
  }

  /**
   * Reads the parts in the order they arrive. The CSRF token must come before the file: no byte of a file is
   * kept for a request that is not a form we served to this browser, nor for a visitor who is not signed in.
   */
  async function readParts(req: FastifyRequest, form: UploadForm): Promise<void> {
    for await (const part of req.parts()) {
      if (part.type === "field") {
        const name = UPLOAD_FIELDS.find((field) => field === part.fieldname);
        if (!name) continue;
        if (form.fields[name] !== undefined || typeof part.value !== "string" || part.valueTruncated) {
          form.malformed = true;
          if (name === "_csrf") form.csrfOk = false;
          continue;
        }
        form.fields[name] = part.value;
        // The same check as every other form (csrf-guard.ts): the browser's cookie and the token bound to it.
        if (name === "_csrf") form.csrfOk = Boolean(req.cookies[browserCookie]) && sameSecret(part.value, req.csrfToken);
        continue;
      }
      if (!form.csrfOk) throw new AppError("csrf", "document upload without a valid CSRF token before the file");
      if (part.fieldname !== "file" || form.file) {
        await discard(part.file);
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      // The uploaded name goes to the inspection (to recognise a `.pages` file) and names the document when no
      // 書類名 was typed; it is never logged.
      form.file = { bytes: Buffer.concat(chunks), fileName: part.filename ?? "", truncated: part.file.truncated };
    }
  }

  // The token is checked inside the body, before the file: no byte of a file is kept for a forged form.
  app.post("/documents", { config: { access: { kind: "candidate", afterSignIn: DOCUMENTS_PAGE }, csrf: "multipart" } }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError("badRequest", "document upload is not multipart/form-data");
    const upload = await readUpload(req);
    if (!upload.csrfOk) throw new AppError("csrf", "document upload with a missing or wrong CSRF token");
    const back = safeReturnTo(upload.fields.back) ?? DOCUMENTS_PAGE;
    const label = upload.fields.label ?? "";
    const note = upload.fields.note ?? "";
    // The form's maxlength keeps a browser within these; only a hand-made request goes past them.
    if (upload.malformed || label.length > MAX_DOCUMENT_LABEL_LENGTH || note.length > MAX_DOCUMENT_NOTE_LENGTH) {
      throw new AppError("badRequest", "document upload fields malformed or too long");
    }
    let refusal: DocumentSaveRefusal | null = null;
    if (!upload.file) refusal = "empty";
    else if (upload.file.truncated) refusal = "too-large";
    else {
      const outcome = await saveDocument(deps.db, {
        candidateId: candidateOf(req).id,
        label,
        note,
        bytes: upload.file.bytes,
        fileName: upload.file.fileName,
        now: deps.now(),
      });
      if (!outcome.ok) refusal = outcome.reason;
    }
    if (refusal) {
      req.log.info({ reason: refusal }, "document refused");
      return reply.seeOther(withDocumentStatus(back, "documentError", refusal));
    }
    return reply.seeOther(withDocumentStatus(back, "documents", "uploaded"));
  });

  app.get("/documents/:id", CANDIDATE, async (req, reply) => {
    const documentId = (req.params as { id: string }).id;
    const document = await readDocumentFor(deps.db, { principal: { kind: "candidate", id: candidateOf(req).id }, documentId });
    // Someone else's document and a missing one look the same: a 404 says nothing about who owns what.
    if (!document) throw new AppError("notFound", "no such document for this candidate");
    const name = safeDownloadName({ label: documentDisplayName(document, candidateTexts[req.locale]), kind: document.kind });
    return reply
      .header("content-type", document.mediaType)
      .header("content-disposition", name.contentDisposition)
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(document.content);
  });

  app.post("/documents/:id/delete", CANDIDATE, async (req, reply) => {
    const back = safeReturnTo((req.body as { back?: unknown } | undefined)?.back) ?? DOCUMENTS_PAGE;
    const documentId = (req.params as { id: string }).id;
    const deleted = await deleteDocumentFor(deps.db, { principal: { kind: "candidate", id: candidateOf(req).id }, documentId });
    if (!deleted) throw new AppError("notFound", "no such document for this candidate");
    return reply.seeOther(withDocumentStatus(back, "documents", "deleted"));
  });

  app.get("/account/documents", LISTS_DOCUMENTS, async (req, reply) => {
    return reply.page(<DocumentsPage documents={listedDocuments(req)} status={documentStatusFromQuery(req.query)} />);
  });
}

/**
 * Adds the outcome to the page the form came from, replacing an earlier one. The path is kept exactly as
 * `safeReturnTo` approved it: URL parsing would normalise `/.//host` into `//host`, a link to another site.
 */
function withDocumentStatus(back: string, name: "documents" | "documentError", value: string): string {
  const [path = "", query = ""] = (back.split("#")[0] ?? "").split(/\?(.*)/s);
  const params = new URLSearchParams(query);
  params.delete("documents");
  params.delete("documentError");
  params.set(name, value);
  return `${path}?${params.toString()}`;
}

async function discard(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // Reading to the end lets the parser move on to the next part.
  }
}
