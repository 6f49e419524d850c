import { describe, expect, it } from "vitest";
import { AppError, errorKindOf } from "./errors.ts";

describe("which page a failure shows", () => {
  it("shows the busy page (503) for a database that cannot answer, however the driver says so", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(errorKindOf(refused)).toBe("unavailable");
    expect(errorKindOf(new Error("Failed query: select 1", { cause: refused }))).toBe("unavailable");
    expect(errorKindOf(new Error("timeout exceeded when trying to connect"))).toBe("unavailable");
    expect(errorKindOf(new Error("Connection terminated unexpectedly"))).toBe("unavailable");
    expect(errorKindOf(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe("unavailable");
  });

  it("keeps a wrong query a server error, and a refused request what it is", () => {
    expect(errorKindOf(Object.assign(new Error('syntax error at or near "selec"'), { code: "42601" }))).toBe("server");
    expect(errorKindOf(Object.assign(new Error("Body is too large"), { statusCode: 413 }))).toBe("tooLarge");
    expect(errorKindOf(new AppError("notFound", "no such job"))).toBe("notFound");
  });
});
