import { describe, expect, it } from "vitest";
import { DOCUMENT_REFUSALS } from "../../../modules/documents/inspection/index.ts";
import { candidateMessages } from "../messages.ts";
import { documentRefusalMessageKey } from "./refusal-message-key.ts";

describe("documentRefusalMessageKey", () => {
  it("gives every refusal its own explanation, in both languages", () => {
    const keys = DOCUMENT_REFUSALS.map(documentRefusalMessageKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(candidateMessages.ja[key]).toBeTruthy();
      expect(candidateMessages.en[key]).toBeTruthy();
    }
  });
});
