import { describe, expect, it } from "vitest";
import { canOpen, resumePoint, transition } from "./application-state.ts";

describe("application state", () => {
  it("resumes at the first page not completed", () => {
    expect(resumePoint({ state: "draft", completedPages: [] })).toBe("documents");
    expect(resumePoint({ state: "draft", completedPages: ["documents", "personal"] })).toBe("eligibility");
    expect(resumePoint({ state: "assessment_pending", completedPages: [] })).toBe("assessment");
    expect(resumePoint({ state: "assessment_done", completedPages: [] })).toBe("signature");
    expect(resumePoint({ state: "signed", completedPages: ["final-questions"] })).toBe("review");
    expect(resumePoint({ state: "withdrawn", completedPages: [] })).toBe("closed");
  });

  it("never opens a page whose earlier pages are not complete", () => {
    const app = { state: "draft" as const, completedPages: ["documents"] };
    expect(canOpen(app, "documents")).toBe(true);
    expect(canOpen(app, "personal")).toBe(true);
    expect(canOpen(app, "eligibility")).toBe(false);
    expect(canOpen(app, "pledge")).toBe(false);
    expect(canOpen(app, "signature")).toBe(false);
  });

  it("locks the steps before the pledge once it is given", () => {
    const app = { state: "assessment_done" as const, completedPages: ["documents", "personal", "eligibility"] };
    expect(canOpen(app, "personal")).toBe(false);
    expect(canOpen(app, "signature")).toBe(true);
    expect(canOpen(app, "review")).toBe(false);
  });

  it("allows only the transitions in the diagram", () => {
    expect(transition("draft", "pledge")).toBe("assessment_pending");
    expect(transition("draft", "submit")).toBeNull();
    expect(transition("signed", "submit")).toBe("submitted");
    expect(transition("submitted", "withdraw")).toBe("withdrawn");
    expect(transition("withdrawn", "withdraw")).toBeNull();
    expect(transition("screened_out", "withdraw")).toBeNull();
    expect(transition("assessment_pending", "sign")).toBeNull();
  });
});
