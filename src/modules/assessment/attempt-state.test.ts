import { describe, expect, it } from "vitest";
import { attemptTransition } from "./attempt-state.ts";

describe("the attempt state machine", () => {
  it("completes an attempt in progress once", () => {
    expect(attemptTransition("in_progress", "complete")).toBe("completed");
    expect(attemptTransition("completed", "complete")).toBeNull();
  });
});
