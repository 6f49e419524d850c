import { describe, expect, it } from "vitest";
import { funnelRowsOf } from "./funnel-rows.ts";
import type { ApplicationProgress } from "./funnel-steps.ts";
import { median } from "./median.ts";
import { summariseFunnel } from "./summarise-funnel.ts";

const at = (hours: number) => new Date(Date.UTC(2026, 10, 1) + hours * 3600_000);

function progress(overrides: Partial<ApplicationProgress>): ApplicationProgress {
  return { applicationId: "a", state: "draft", completedPages: [], times: { started: at(0) }, stages: new Set(), ...overrides };
}

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones, and null for nothing", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });
});

describe("funnel rows", () => {
  it("count a step as reached when it or any later step was, so the funnel never widens", () => {
    const [row] = funnelRowsOf([
      progress({
        state: "interviewed",
        completedPages: ["documents"],
        times: { started: at(0), submitted: at(10), interviewed: at(50) },
        stages: new Set(["interviewed"]),
      }),
    ]);
    expect(row?.reached).toMatchObject({
      started: 1,
      documents: 1,
      personal: 1,
      pledged: 1,
      submitted: 1,
      screening: 1,
      interview_scheduling: 1,
      interviewed: 1,
      offered: 0,
      hired: 0,
    });
  });

  it("time each step from the earliest time it or a later step was reached, so no interval is negative", () => {
    // Interviewed first, then moved back to screening: screening counts from the interview.
    const [row] = funnelRowsOf([
      progress({
        state: "screening",
        times: { started: at(0), pledged: at(2), "assessment-completed": at(3), signed: at(4), submitted: at(5), interviewed: at(30), screening: at(40) },
        stages: new Set(["screening", "interviewed"]),
      }),
    ]);
    const seconds = row?.seconds ?? [];
    // started→pledged, pledged→assessment-started (taken from its completion), assessment-started→completed, …
    expect(seconds.slice(0, 5)).toEqual([7200, 3600, 0, 3600, 3600]);
    // submitted→screening runs to the interview (30 h), screening→scheduling and scheduling→interviewed are 0.
    expect(seconds.slice(5, 8)).toEqual([25 * 3600, 0, 0]);
    expect(seconds.slice(8)).toEqual([null, null]);
    expect(seconds.every((s) => s === null || s >= 0)).toBe(true);
  });

  it("sum up into counts, drop-off and medians", () => {
    const rows = funnelRowsOf([
      progress({ applicationId: "1" }),
      progress({ applicationId: "2", completedPages: ["documents", "personal"] }),
      progress({ applicationId: "3", state: "assessment_pending", completedPages: ["documents"], times: { started: at(0), pledged: at(4) } }),
      progress({ applicationId: "4", state: "assessment_pending", times: { started: at(0), pledged: at(1) } }),
    ]);
    const figures = summariseFunnel(rows);
    expect(figures.applications).toBe(4);
    expect(figures.steps.slice(0, 3)).toEqual([
      { step: "started", reached: 4, dropOff: null },
      { step: "documents", reached: 3, dropOff: 0.25 },
      { step: "personal", reached: 3, dropOff: 0 },
    ]);
    expect(figures.steps.find((s) => s.step === "assessment-started")).toEqual({ step: "assessment-started", reached: 0, dropOff: 1 });
    expect(figures.steps.find((s) => s.step === "signed")).toEqual({ step: "signed", reached: 0, dropOff: null });
    expect(figures.intervals[0]).toEqual({ from: "started", to: "pledged", applications: 2, medianSeconds: 2.5 * 3600 });
  });
});
