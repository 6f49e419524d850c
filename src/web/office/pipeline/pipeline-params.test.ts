import { describe, expect, it } from "vitest";
import { pipelineUrl, readPipelineParams } from "./pipeline-params.ts";

describe("readPipelineParams", () => {
  it("reads a full query into a filter, a sort and the params that write it back", () => {
    const read = readPipelineParams({
      stage: "drafts",
      step: "assessment",
      band: "high",
      integrity: "1",
      docs: "missing",
      from: "2026-11-01",
      to: "2026-11-30",
      q: "  やまだ ",
      sort: "name.asc",
    });
    expect(read.filter).toEqual({
      stage: "drafts",
      step: "assessment",
      band: "high",
      integrity: true,
      documentsMissing: true,
      from: new Date("2026-10-31T15:00:00.000Z"),
      until: new Date("2026-11-30T15:00:00.000Z"),
      search: "やまだ",
    });
    expect(read.sort).toEqual({ by: "name", dir: "asc" });
    expect(pipelineUrl("230107874", read.params)).toBe(
      `/office/pipeline/230107874?stage=drafts&step=assessment&band=high&integrity=1&docs=missing&from=2026-11-01&to=2026-11-30&q=${encodeURIComponent("やまだ")}&sort=name.asc`,
    );
  });

  it("drops what it does not know instead of refusing the page", () => {
    const read = readPipelineParams({ stage: "everything", step: "9", band: ["high", "low"], from: "2026-02-30x", sort: "salary.desc", q: "" });
    expect(read.filter).toEqual({ stage: "all" });
    expect(read.sort).toEqual({ by: "date", dir: "desc" });
    expect(read.params).toEqual({});
  });

  it("reads a draft step only with the drafts stage", () => {
    expect(readPipelineParams({ stage: "screening", step: "2" }).filter).toEqual({ stage: "screening" });
  });
});
