import { describe, expect, it } from "vitest";
import { canMove, canOpen, isClosed, PIPELINE_STAGES, resumePoint, transition } from "./application-state.ts";

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

describe("the office's pipeline", () => {
  it("lets staff move a submitted application through the review stages, in any order, but never back to 応募受付", () => {
    expect(canMove("submitted", "screening")).toBe(true);
    expect(canMove("screening", "interview_scheduling")).toBe(true);
    expect(canMove("interviewed", "screening")).toBe(true);
    expect(canMove("offered", "hired")).toBe(true);
    expect(canMove("screening", "submitted")).toBe(false);
    expect(canMove("screening", "screening")).toBe(false);
  });

  it("ends at 採用 for good, and lets a mistaken 不採用 go back into review", () => {
    expect(canMove("hired", "rejected")).toBe(false);
    expect(canMove("hired", "screening")).toBe(false);
    expect(canMove("rejected", "screening")).toBe(true);
    expect(canMove("rejected", "hired")).toBe(false);
  });

  it("never moves an application the candidate has not submitted, or has withdrawn", () => {
    for (const state of ["draft", "assessment_pending", "assessment_done", "signed", "screened_out", "withdrawn"] as const) {
      expect(canMove(state, "screening"), state).toBe(false);
    }
  });

  it("lets the candidate withdraw while the office is deciding, not after a decision", () => {
    for (const state of ["submitted", "screening", "interview_scheduling", "interviewed", "offered"] as const)
      expect(transition(state, "withdraw")).toBe("withdrawn");
    for (const state of ["hired", "rejected"] as const) expect(transition(state, "withdraw")).toBeNull();
  });

  it("shows the candidate the completion page, not the wizard, once submitted", () => {
    for (const state of PIPELINE_STAGES) {
      expect(resumePoint({ state, completedPages: [] })).toBe("complete");
      expect(isClosed(state)).toBe(true);
    }
  });
});
