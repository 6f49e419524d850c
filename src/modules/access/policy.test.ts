import { describe, expect, it } from "vitest";
import { may } from "./policy.ts";

describe("the access policy for candidates", () => {
  const hanako = { kind: "candidate", id: "0b6f4e38-0000-4000-8000-000000000001" } as const;
  const taro = "0b6f4e38-0000-4000-8000-000000000002";

  it("lets a candidate view and change their own records", () => {
    for (const kind of ["application", "assessment-attempt", "document", "profile"] as const) {
      expect(may(hanako, "view", { kind, candidateId: hanako.id })).toBe(true);
      expect(may(hanako, "change", { kind, candidateId: hanako.id })).toBe(true);
    }
  });

  it("never lets a candidate reach another candidate's records", () => {
    for (const kind of ["application", "assessment-attempt", "document", "profile"] as const) {
      expect(may(hanako, "view", { kind, candidateId: taro })).toBe(false);
      expect(may(hanako, "change", { kind, candidateId: taro })).toBe(false);
    }
  });
});
