import { describe, expect, it } from "vitest";
import { documentRefusalMessageKey } from "./document-refusal-message-key.ts";
import { DOCUMENT_REFUSALS } from "./document-verdict.ts";

describe("documentRefusalMessageKey", () => {
  it("gives every refusal its own key under documents.refused", () => {
    const keys = DOCUMENT_REFUSALS.map(documentRefusalMessageKey);
    expect(new Set(keys).size).toBe(DOCUMENT_REFUSALS.length);
    for (const key of keys) expect(key).toMatch(/^documents\.refused\.[a-z][A-Za-z]+$/);
  });

  it("names the Pages refusal as the catalogue expects", () => {
    expect(documentRefusalMessageKey("pages-file")).toBe("documents.refused.pagesFile");
    expect(documentRefusalMessageKey("too-large")).toBe("documents.refused.tooLarge");
  });
});
