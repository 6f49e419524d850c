import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, type PageResponse, signIn, startTestPortal, type TestPortal, textOf, type Visitor } from "../../../../test/portal.ts";
import { deleteDocumentFor, listDocuments, MAX_DOCUMENTS_PER_CANDIDATE, saveDocument } from "../../../modules/documents/document-store.ts";
import {
  buildZip,
  compoundFile,
  contentTypesXml,
  deflatedZeros,
  docxEntries,
  elfExecutable,
  heicPhoto,
  jpegPhoto,
  minimalPdf,
  pdfOfSize,
  pngPhoto,
  xlsxEntries,
} from "../../../modules/documents/inspection/document-fixtures.ts";
import { candidateDocuments } from "../../../modules/documents/schema.ts";

const PDF_TYPE = "application/pdf";
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const text = (value: string) => new TextEncoder().encode(value);

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

type UploadFile = { bytes: Uint8Array; name: string; type?: string };
type UploadInput = { file?: UploadFile | null; label?: string; note?: string; back?: string; csrf?: string | null; fileFirst?: boolean };

function cookieHeader(visitor: Visitor): string {
  return [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** Posts the upload form as a browser does: multipart/form-data, token first, the file between label and note. */
async function upload(visitor: Visitor, input: UploadInput): Promise<{ status: number; location: string | undefined }> {
  if (!visitor.csrf) await visitor.get("/login");
  const form = new FormData();
  const file = input.file === undefined ? { bytes: minimalPdf(), name: "rirekisho.pdf", type: PDF_TYPE } : input.file;
  const appendFile = () => {
    // A browser sends an empty part with an empty name when no file was chosen.
    if (file) form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
    else form.append("file", new Blob([], { type: "application/octet-stream" }), "");
  };
  if (input.fileFirst) appendFile();
  const csrf = input.csrf === undefined ? visitor.csrf : input.csrf;
  if (csrf !== null) form.append("_csrf", csrf ?? "");
  form.append("back", input.back ?? "/account/documents");
  form.append("label", input.label ?? "");
  if (!input.fileFirst) appendFile();
  form.append("note", input.note ?? "");
  const encoded = new Response(form);
  const res = await portal.app.inject({
    method: "POST",
    url: "/documents",
    // A browser names the page the form was on; the portal is served here as http://localhost.
    headers: {
      cookie: cookieHeader(visitor),
      "content-type": encoded.headers.get("content-type") ?? "",
      referer: `http://localhost${input.back ?? "/account/documents"}`,
    },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
  return { status: res.statusCode, location: res.headers.location as string | undefined };
}

/** Fetches a download with the visitor's cookies, keeping the body as bytes. */
async function download(visitor: Visitor, path: string) {
  return portal.app.inject({ method: "GET", url: path, headers: { cookie: cookieHeader(visitor) } });
}

async function signedInCandidate() {
  const who = await newCandidate(portal.db);
  const visitor = portal.visitor();
  await signIn(portal, visitor, who);
  await visitor.get("/account/documents");
  return { who, visitor, candidateId: who.candidate.id };
}

function alertText(page: PageResponse): string {
  return textOf(page.doc, '[role="alert"]');
}

describe("uploading and downloading documents", () => {
  it("keeps a PDF, a DOCX and an XLSX and gives each back byte for byte as an attachment", async () => {
    const { visitor, candidateId } = await signedInCandidate();
    const files = [
      { bytes: minimalPdf(), name: "rirekisho.pdf", type: PDF_TYPE, label: "履歴書 山田花子", mediaType: PDF_TYPE },
      { bytes: buildZip(docxEntries()), name: "shokumu.docx", type: DOCX_TYPE, label: "", mediaType: DOCX_TYPE },
      { bytes: buildZip(xlsxEntries()), name: "職歴.xlsx", type: XLSX_TYPE, label: "職歴一覧", mediaType: XLSX_TYPE },
    ];
    for (const file of files) {
      const res = await upload(visitor, { file, label: file.label, note: "2024年4月更新" });
      expect(res.status).toBe(303);
      expect(res.location).toBe("/account/documents?documents=uploaded");
    }
    const page = await visitor.get("/account/documents?documents=uploaded");
    expect(textOf(page.doc, '[role="status"]')).toBe("書類をアップロードしました。");
    expect(page.html).toContain("履歴書 山田花子");
    // With no 書類名, the file's own name (without its extension) names the document.
    expect(page.doc.querySelectorAll(".document-card__name").map((h) => h.textContent.trim())).toContain("shokumu");
    expect(page.html).not.toContain("shokumu.docx");
    // Cards, not a table: nothing to squeeze into columns on a phone.
    expect(page.doc.querySelector("table")).toBeNull();

    const stored = await listDocuments(portal.db, candidateId);
    expect(stored.map((d) => d.kind).sort()).toEqual(["docx", "pdf", "xlsx"]);
    for (const file of files) {
      const document = stored.find((d) => d.mediaType === file.mediaType)!;
      expect(document.sizeBytes).toBe(file.bytes.length);
      expect(document.sha256).toBe(createHash("sha256").update(file.bytes).digest("hex"));
      expect(page.doc.querySelector(`a[href="/documents/${document.id}"]`)).not.toBeNull();
      const res = await download(visitor, `/documents/${document.id}`);
      expect(res.statusCode).toBe(200);
      expect(Buffer.compare(res.rawPayload, Buffer.from(file.bytes))).toBe(0);
      expect(res.headers["content-type"]).toBe(file.mediaType);
      expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="[a-z0-9-]+\.(pdf|docx|xlsx)"; filename\*=UTF-8''/);
      // Downloaded under the document's name, never the path the browser sent.
      expect(res.headers["content-disposition"]).toContain(`.${document.kind}`);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["cache-control"]).toBe("private, no-store");
    }
    const pdf = stored.find((d) => d.kind === "pdf")!;
    expect((await download(visitor, `/documents/${pdf.id}`)).headers["content-disposition"]).toContain(
      `filename*=UTF-8''${encodeURIComponent("履歴書_山田花子.pdf")}`,
    );
    expect(pdf.note).toBe("2024年4月更新");
  });

  it("keeps photos of a paper résumé (JPEG, PNG, HEIC) judged by their content, and gives them back without their location", async () => {
    const { visitor, candidateId } = await signedInCandidate();
    // As a phone sends them: a camera's file name, whatever type the browser guesses.
    const photos = [
      { bytes: jpegPhoto(), name: "IMG_0412.JPG", kind: "jpeg", mediaType: "image/jpeg", shown: "写真（JPEG）" },
      { bytes: pngPhoto(), name: "スキャン 2024-04-01.png", kind: "png", mediaType: "image/png", shown: "写真（PNG）" },
      { bytes: heicPhoto(), name: "IMG_0413.HEIC", kind: "heic", mediaType: "image/heic", shown: "写真（HEIC）" },
    ];
    for (const photo of photos) {
      expect(Buffer.from(photo.bytes).includes("GPSLatitude")).toBe(true);
      const res = await upload(visitor, { file: { bytes: photo.bytes, name: photo.name, type: "application/octet-stream" } });
      expect(res.location, photo.name).toBe("/account/documents?documents=uploaded");
    }
    const page = await visitor.get("/account/documents");
    expect(page.doc.querySelectorAll(".document-card__name").map((h) => h.textContent.trim())).toEqual(
      expect.arrayContaining(["IMG_0412", "スキャン 2024-04-01", "IMG_0413"]),
    );
    const stored = await listDocuments(portal.db, candidateId);
    for (const photo of photos) {
      const document = stored.find((d) => d.kind === photo.kind)!;
      expect(document.mediaType).toBe(photo.mediaType);
      expect(textOf(page.doc, "main")).toContain(photo.shown);
      const res = await download(visitor, `/documents/${document.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe(photo.mediaType);
      expect(res.rawPayload.includes("GPSLatitude"), photo.name).toBe(false);
    }
  });

  it("judges a path-climbing file name by its content and keeps only its last part as the name", async () => {
    const { visitor, candidateId } = await signedInCandidate();
    const res = await upload(visitor, { file: { bytes: minimalPdf(), name: "../../../../etc/cron.d/職務経歴書(最新).pdf", type: PDF_TYPE } });
    expect(res.location).toBe("/account/documents?documents=uploaded");
    const [row] = await portal.db.select().from(candidateDocuments).where(eq(candidateDocuments.candidateId, candidateId));
    expect(row?.label).toBe("職務経歴書(最新)");
    expect(JSON.stringify({ ...row, content: null })).not.toMatch(/etc|cron|\.\./);
    const file = await download(visitor, `/documents/${row!.id}`);
    // RFC 5987 escapes the parentheses too.
    expect(file.headers["content-disposition"]).toBe(
      `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent("職務経歴書")}%28${encodeURIComponent("最新")}%29.pdf`,
    );
  });

  it("shows the upload form the seed describes, token first, in both languages", async () => {
    const { visitor } = await signedInCandidate();
    const page = await visitor.get("/account/documents");
    expect(textOf(page.doc, "h1")).toBe("書類");
    const form = page.doc.querySelector('form[action="/documents"]')!;
    expect(form.getAttribute("enctype")).toBe("multipart/form-data");
    expect(form.querySelector("input")?.getAttribute("name")).toBe("_csrf");
    const file = form.querySelector('input[type="file"]')!;
    expect(file.getAttribute("name")).toBe("file");
    expect(file.getAttribute("accept")?.split(",")).toEqual(
      expect.arrayContaining([".pdf", ".docx", ".xlsx", ".jpg", ".png", ".heic", "application/pdf", "image/heic"]),
    );
    for (const id of ["f-documentLabel", "f-documentFile", "f-documentNote"]) expect(form.querySelector(`label[for="${id}"]`)).not.toBeNull();
    expect(textOf(form, 'label[for="f-documentLabel"]')).toBe("書類名 ※任意");
    expect(textOf(form, 'label[for="f-documentNote"]')).toBe("添付ファイルに関する追加情報 ※任意");
    expect(textOf(form, 'label[for="f-documentFile"]')).toContain("ドキュメントを参照して添付する");
    expect(textOf(form, "button")).toBe("アップロード");
    expect(page.html).toContain("「.pages」は使えません");

    const english = portal.visitor({ acceptLanguage: "en" });
    await signIn(portal, english, await newCandidate(portal.db));
    const en = await english.get("/account/documents?documentError=pages-file");
    expect(textOf(en.doc, "h1")).toBe("Documents");
    expect(alertText(en)).toContain("Pages files (.pages) cannot be uploaded");
  });

  it("ignores a status in the URL that the routes never write", async () => {
    const { visitor } = await signedInCandidate();
    const page = await visitor.get("/account/documents?documentError=%3Cscript%3E&documents=hacked");
    expect(page.doc.querySelector('[role="alert"]')).toBeNull();
    expect(page.doc.querySelector('[role="status"]')).toBeNull();
    expect(page.html).not.toContain("<script>");
  });
});

describe("refusing hostile uploads", () => {
  let visitor: Visitor;
  let candidateId: string;
  beforeAll(async () => {
    ({ visitor, candidateId } = await signedInCandidate());
  });

  const docm = () =>
    buildZip([
      ...docxEntries("application/vnd.ms-word.document.macroEnabled.main+xml").map((entry) =>
        entry.name === "[Content_Types].xml"
          ? {
              ...entry,
              content: contentTypesXml(
                { "/word/document.xml": "application/vnd.ms-word.document.macroEnabled.main+xml" },
                { bin: "application/vnd.ms-office.vbaProject" },
              ),
            }
          : entry,
      ),
      { name: "word/vbaProject.bin", content: compoundFile(["VBA"]) },
    ]);
  const pages = () =>
    buildZip([
      { name: "Index/Document.iwa", content: new Uint8Array([0, 1, 2, 3]) },
      { name: "Metadata/Properties.plist", content: "bplist00" },
    ]);
  const zipBomb = () => buildZip([...docxEntries(), { name: "word/media/image1.png", ...deflatedZeros(200 * 1024 * 1024) }]);

  it.each<[string, () => UploadFile | null, string, string]>([
    [
      "a text file calling itself a PDF",
      () => ({ bytes: text("履歴書\n%PDF-1.7 のつもり"), name: "履歴書.pdf", type: PDF_TYPE }),
      "unsupported-type",
      "この形式のファイルはアップロードできません",
    ],
    [
      "a Pages document renamed .docx",
      () => ({ bytes: pages(), name: "履歴書.docx", type: DOCX_TYPE }),
      "pages-file",
      "Pages のファイル（.pages）はアップロードできません",
    ],
    [
      "a .pages file the browser could not read as anything",
      () => ({ bytes: text("iwork"), name: "履歴書.pages" }),
      "pages-file",
      "Pages のファイル（.pages）",
    ],
    ["a macro-enabled .docm", () => ({ bytes: docm(), name: "resume.docx", type: DOCX_TYPE }), "macro-enabled", "マクロを含むファイル"],
    [
      "a zip bomb inflating to 200 MiB",
      () => ({ bytes: zipBomb(), name: "resume.docx", type: DOCX_TYPE }),
      "archive-too-large",
      "ファイルの中身が大きすぎます",
    ],
    ["an 11 MB PDF", () => ({ bytes: pdfOfSize(11 * 1024 * 1024), name: "big.pdf", type: PDF_TYPE }), "too-large", "10MB以下のファイルを選択してください"],
    [
      "a program behind a path-climbing name",
      () => ({ bytes: elfExecutable(), name: "../../../../usr/bin/resume.pdf", type: PDF_TYPE }),
      "executable",
      "プログラムのファイル",
    ],
    [
      "an HTML page named .pdf",
      () => ({ bytes: text("<!DOCTYPE html><html><script>alert(1)</script></html>"), name: "resume.pdf", type: PDF_TYPE }),
      "html",
      "Web ページ（HTML）",
    ],
    ["no file at all", () => null, "empty", "ファイルが選択されていないか"],
  ])("refuses %s and says why", async (_, file, reason, message) => {
    const res = await upload(visitor, { file: file(), label: "履歴書" });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/account/documents?documentError=${reason}`);
    const page = await visitor.get(res.location!);
    expect(alertText(page)).toContain(message);
    expect(page.doc.querySelector("#f-documentFile")?.getAttribute("aria-invalid")).toBe("true");
    expect(textOf(page.doc, "#f-documentFile-error")).toContain(message);
    expect(await listDocuments(portal.db, candidateId)).toHaveLength(0);
  });

  it("answers 400 for a hand-made request with an over-long name, and stores nothing", async () => {
    const res = await upload(visitor, { label: "履".repeat(101) });
    expect(res.status).toBe(400);
    expect(await listDocuments(portal.db, candidateId)).toHaveLength(0);
  });

  it("answers 4xx, never 500, to broken multipart bodies, and stores nothing", async () => {
    const boundary = "----portal-test";
    const multipart = `multipart/form-data; boundary=${boundary}`;
    const token = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${visitor.csrf}\r\n`;
    const filePart = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n`;
    const bodies: [string, string][] = [
      ["multipart/form-data", token],
      [multipart, "not multipart at all"],
      [multipart, `${token}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7 cut short`],
      [multipart, `${token}${filePart("a.pdf")}${filePart("b.pdf")}--${boundary}--\r\n`],
      [multipart, `${token}--${boundary}\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--${boundary}--\r\n`],
      [multipart, `${token}--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${"x".repeat(5000)}\r\n--${boundary}--\r\n`],
      [multipart, `${token}${token}${filePart("a.pdf")}--${boundary}--\r\n`],
    ];
    for (const [contentType, payload] of bodies) {
      const res = await portal.app.inject({
        method: "POST",
        url: "/documents",
        headers: { cookie: cookieHeader(visitor), "content-type": contentType },
        payload,
      });
      expect(res.statusCode, payload.slice(0, 120)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, payload.slice(0, 120)).toBeLessThan(500);
    }
    expect(await listDocuments(portal.db, candidateId)).toHaveLength(0);
  });

  it("takes any text as 書類名 and 追加情報: shown escaped, or refused with 400, never a server error", async () => {
    const payloads = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "\u202etxt.exe", "__proto__", "../../etc/passwd"];
    const hostile = fc.oneof(fc.string({ unit: "binary", maxLength: 120 }), fc.constantFrom(...payloads));
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (label, note) => {
        const res = await upload(visitor, { label, note });
        expect([303, 400]).toContain(res.status);
        if (res.status !== 303) return;
        const page = await visitor.get("/account/documents");
        expect(page.html).not.toMatch(/<script>alert|<img src=x onerror/);
        for (const document of await listDocuments(portal.db, candidateId))
          await deleteDocumentFor(portal.db, { principal: { kind: "candidate", id: candidateId }, documentId: document.id });
      }),
      { numRuns: 40 },
    );
  });

  it("answers 400, not 500, to a non-multipart post", async () => {
    const res = await visitor.post("/documents", { label: "x" });
    expect(res.status).toBe(400);
  });
});

describe("who may upload, read and delete", () => {
  it("sends a signed-out visitor to sign in, back to the page the form was on", async () => {
    const visitor = portal.visitor();
    await visitor.get("/login");
    const res = await upload(visitor, { back: "/apply/230107874/step/1" });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/login?return_to=${encodeURIComponent("/apply/230107874/step/1")}`);
    expect((await visitor.get("/account/documents")).location).toBe("/login?return_to=%2Faccount%2Fdocuments");
  });

  it("refuses an upload with a missing or wrong CSRF token, or a file sent before the token", async () => {
    const { visitor, candidateId } = await signedInCandidate();
    expect((await upload(visitor, { csrf: null })).status).toBe(403);
    expect((await upload(visitor, { csrf: "x".repeat(43) })).status).toBe(403);
    expect((await upload(visitor, { fileFirst: true })).status).toBe(403);
    expect(await listDocuments(portal.db, candidateId)).toHaveLength(0);
    expect((await upload(visitor, {})).location).toBe("/account/documents?documents=uploaded");
  });

  it("answers 404 to another candidate's document id, for download and delete alike", async () => {
    const owner = await signedInCandidate();
    await upload(owner.visitor, { label: "履歴書" });
    const [document] = await listDocuments(portal.db, owner.candidateId);
    const other = await signedInCandidate();
    expect((await download(other.visitor, `/documents/${document!.id}`)).statusCode).toBe(404);
    expect((await other.visitor.post(`/documents/${document!.id}/delete`, { back: "/account/documents" })).status).toBe(404);
    expect((await download(other.visitor, "/documents/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await download(other.visitor, "/documents/not-a-uuid")).statusCode).toBe(404);
    expect((await other.visitor.get("/account/documents")).html).not.toContain(document!.id);
    expect(await listDocuments(portal.db, owner.candidateId)).toHaveLength(1);
    expect((await download(portal.visitor(), `/documents/${document!.id}`)).statusCode).toBe(303);
  });

  it("deletes a document and says so", async () => {
    const { visitor, candidateId } = await signedInCandidate();
    await upload(visitor, { label: "古い履歴書" });
    const [document] = await listDocuments(portal.db, candidateId);
    await visitor.get("/account/documents");
    const res = await visitor.post(`/documents/${document!.id}/delete`, { back: "/account/documents" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/account/documents?documents=deleted");
    const page = await visitor.get(res.location!);
    expect(textOf(page.doc, '[role="status"]')).toBe("書類を削除しました。");
    expect(page.html).toContain("保存された書類はありません。");
    expect(await listDocuments(portal.db, candidateId)).toHaveLength(0);
    expect((await download(visitor, `/documents/${document!.id}`)).statusCode).toBe(404);
  });
});

describe("the per-candidate limit and the return address", () => {
  it(`refuses the ${MAX_DOCUMENTS_PER_CANDIDATE + 1}th document`, async () => {
    const { visitor, candidateId } = await signedInCandidate();
    for (let i = 0; i < MAX_DOCUMENTS_PER_CANDIDATE; i++) {
      const saved = await saveDocument(portal.db, { candidateId, label: `書類${i}`, note: "", bytes: minimalPdf(), fileName: "a.pdf", now: new Date() });
      expect(saved.ok).toBe(true);
    }
    const res = await upload(visitor, { label: "11件目" });
    expect(res.location).toBe("/account/documents?documentError=too-many-documents");
    expect(alertText(await visitor.get(res.location!))).toContain("保存できる書類は10件までです");
    expect(await listDocuments(portal.db, candidateId)).toHaveLength(MAX_DOCUMENTS_PER_CANDIDATE);
  });

  it("keeps the limit when uploads arrive at once", async () => {
    const { candidateId } = await signedInCandidate();
    const outcomes = await Promise.all(
      Array.from({ length: MAX_DOCUMENTS_PER_CANDIDATE + 3 }, (_, i) =>
        saveDocument(portal.db, { candidateId, label: `書類${i}`, note: "", bytes: minimalPdf(), fileName: "a.pdf", now: new Date() }),
      ),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(MAX_DOCUMENTS_PER_CANDIDATE);
    expect(await listDocuments(portal.db, candidateId)).toHaveLength(MAX_DOCUMENTS_PER_CANDIDATE);
  });

  it("returns to the page the form was on, replacing an earlier status, and never to another site", async () => {
    const { visitor } = await signedInCandidate();
    expect((await upload(visitor, { back: "/apply/230107874/step/1?from=start&documents=deleted#top" })).location).toBe(
      "/apply/230107874/step/1?from=start&documents=uploaded",
    );
    for (const hostile of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      expect((await upload(visitor, { back: hostile, file: { bytes: text("x"), name: "x.txt" } })).location).toBe(
        "/account/documents?documentError=unsupported-type",
      );
    }
    // URL parsing would turn this path into //evil.example; it must stay a path on this site.
    expect((await upload(visitor, { back: "/.//evil.example", file: null })).location).toBe("/.//evil.example?documentError=empty");
  });
});
