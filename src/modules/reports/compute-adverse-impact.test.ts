import { describe, expect, it } from "vitest";
import type { ApplicationState } from "../applications/schema.ts";
import { computeAdverseImpact } from "./compute-adverse-impact.ts";
import type { FairnessGroups } from "./fairness-groups.ts";
import type { ApplicationProgress } from "./funnel-steps.ts";

let next = 0;
function people(count: number, gender: FairnessGroups["gender"], state: ApplicationState, stages: string[]) {
  return Array.from({ length: count }, () => {
    next += 1;
    const p: ApplicationProgress = {
      applicationId: `app-${next}`,
      state,
      completedPages: [],
      times: { started: new Date(0), submitted: new Date(1) },
      stages: new Set(stages),
    };
    return { p, groups: { gender, age: "30-44" } as FairnessGroups };
  });
}

describe("adverse impact at the office's stages", () => {
  const cohort = [
    ...people(40, "female", "screening", ["screening"]),
    ...people(20, "female", "rejected", []),
    ...people(60, "male", "screening", ["screening"]),
    ...people(10, "male", "rejected", []),
    // Waiting, or withdrawn: nobody decided on them, so they are not counted.
    ...people(50, "female", "submitted", []),
    ...people(50, "male", "withdrawn", []),
    ...people(12, "not-disclosed", "screening", ["screening"]),
  ];
  const stages = computeAdverseImpact(
    cohort.map((c) => c.p),
    new Map(cohort.map((c) => [c.p.applicationId, c.groups])),
    "gender",
    ["female", "male", "not-disclosed"],
  );
  const screening = stages.find((s) => s.stage.id === "screening");

  it("counts those decided at a stage: moved on, or rejected there", () => {
    expect(screening?.referenceGroup).toBe("male");
    expect(screening?.groups[1]).toMatchObject({ group: "male", status: "reference", selected: 60, considered: 70 });
    const female = screening?.groups[0];
    if (female?.status !== "compared") throw new Error("women should be compared with men");
    expect(female).toMatchObject({ selected: 40, considered: 60 });
    expect(female.impactRatio).toBeCloseTo(40 / 60 / (60 / 70), 12);
    expect(female.belowFourFifths).toBe(true);
  });

  it("shows neither counts nor a rate for a group under 30", () => {
    expect(screening?.groups[2]).toEqual({ group: "not-disclosed", status: "not-enough-data" });
    // Nobody reached an interview: every group is short of data there.
    const interview = stages.find((s) => s.stage.id === "interview_scheduling");
    expect(interview?.groups.map((g) => g.status)).toEqual(["not-enough-data", "not-enough-data", "not-enough-data"]);
  });
});
