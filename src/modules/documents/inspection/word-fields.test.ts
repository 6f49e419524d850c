import { describe, expect, it } from "vitest";
import { judgeFieldInstruction, readWordFields } from "./word-fields.ts";

/** Feeds a field as Word writes it: begin, the instruction in pieces, separate, end. */
function complexField(pieces: string[]) {
  const reader = readWordFields();
  reader.fieldChar("begin");
  for (const piece of pieces) reader.instructionText(piece);
  reader.fieldChar("separate");
  reader.fieldChar("end");
  return reader.refusal;
}

describe("judgeFieldInstruction", () => {
  it("refuses DDE, DDEAUTO and LINK in any case, with or without quotes and leading space", () => {
    for (const instruction of ['DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"', " dde cmd /c", '"DdeAuto" x', 'LINK Excel.Sheet.8 "x.xls" ""']) {
      expect(judgeFieldInstruction(instruction), instruction).toBe("office-dde");
    }
  });

  it("refuses fields that fetch from the network, and keeps everyday fields", () => {
    expect(judgeFieldInstruction('INCLUDEPICTURE "https://203.0.113.9/p.png" \\d')).toBe("office-external-link");
    expect(judgeFieldInstruction('INCLUDETEXT "\\\\\\\\203.0.113.9\\\\s\\\\x.docx"')).toBe("office-external-link");
    for (const instruction of ["PAGE", ' HYPERLINK "https://portfolio.example/" ', "DATE \\@ yyyy/MM/dd", "TOC \\o 1-3", "DDEX"]) {
      expect(judgeFieldInstruction(instruction), instruction).toBeUndefined();
    }
  });
});

describe("readWordFields", () => {
  it("joins an instruction split across runs before reading its name", () => {
    expect(complexField([" DD", "EAU", "TO c:\\\\x.exe"])).toBe("office-dde");
    expect(complexField([" PA", "GE "])).toBeUndefined();
  });

  it("refuses a field whose name is made by a nested field", () => {
    const reader = readWordFields();
    reader.fieldChar("begin");
    reader.instructionText(" ");
    reader.fieldChar("begin");
    reader.instructionText("QUOTE 68 68 69 65 85 84 79");
    reader.fieldChar("end");
    reader.instructionText(' "c:\\\\x.exe"');
    reader.fieldChar("end");
    expect(reader.refusal).toBe("office-dde");
  });

  it("keeps a nested field that only supplies an argument", () => {
    const reader = readWordFields();
    reader.fieldChar("begin");
    reader.instructionText("IF ");
    reader.fieldChar("begin");
    reader.instructionText("PAGE");
    reader.fieldChar("end");
    reader.instructionText(' = 1 "first" ""');
    reader.fieldChar("end");
    expect(reader.refusal).toBeUndefined();
  });

  it("reads simple fields too", () => {
    const reader = readWordFields();
    reader.simpleField("DDEAUTO cmd");
    expect(reader.refusal).toBe("office-dde");
  });
});
