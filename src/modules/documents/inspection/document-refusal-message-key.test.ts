import { describe, expect, it } from "vitest";
import { documentRefusalMessageKey } from "./document-refusal-message-key.ts";
import { DOCUMENT_REFUSALS, type DocumentRefusal } from "./document-verdict.ts";

// Codes whose own text the documents page does not have yet: each borrows the key closest in meaning.
const BORROWING = new Set<DocumentRefusal>([
  "office-external-link",
  "office-embedded-object",
  "office-dde",
  "pdf-active-content",
  "pdf-embedded-file",
  "pdf-too-complex",
  "corrupt-image",
  "image-too-large",
  "busy",
  "inspection-failed",
]);

describe("documentRefusalMessageKey", () => {
  it("gives every refusal a key under documents.refused, its own unless it is still borrowing one", () => {
    const own = DOCUMENT_REFUSALS.filter((reason) => !BORROWING.has(reason)).map(documentRefusalMessageKey);
    expect(new Set(own).size).toBe(own.length);
    for (const reason of DOCUMENT_REFUSALS) expect(documentRefusalMessageKey(reason)).toMatch(/^documents\.refused\.[a-z][A-Za-z]+$/);
    for (const reason of BORROWING) expect(own).toContain(documentRefusalMessageKey(reason));
  });

  it("names the Pages refusal as the catalogue expects", () => {
    expect(documentRefusalMessageKey("pages-file")).toBe("documents.refused.pagesFile");
    expect(documentRefusalMessageKey("too-large")).toBe("documents.refused.tooLarge");
  });
});
