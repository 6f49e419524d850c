import type { DocumentRefusal } from "./document-verdict.ts";

/** What a Word field can make us refuse. */
export type FieldRefusal = Extract<DocumentRefusal, "office-dde" | "office-external-link">;

/** Collects complex-field instructions as the tags go by; `refusal` holds the first refused field found. */
export type WordFieldReader = {
  /** At `<w:fldChar w:fldCharType="…">`. */
  fieldChar: (type: string | undefined) => void;
  /** With the character data of a `<w:instrText>` or `<w:delInstrText>`. */
  instructionText: (text: string) => void;
  /** With the `w:instr` of a `<w:fldSimple>`. */
  simpleField: (instruction: string) => void;
  readonly refusal: FieldRefusal | undefined;
};

// DDE and DDEAUTO ask Windows to start a program and read from it; Word offers to do so when the file opens.
const PROGRAM_FIELDS = new Set(["DDE", "DDEAUTO"]);
// LINK embeds live content from another program through OLE, with the same prompt as DDE.
const LINK_FIELD = "LINK";
// These fetch content from the path they name, and a URL or \\server share makes Word reach out for it.
const INCLUDE_FIELDS = new Set(["INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT"]);
const NETWORK_PATH = /:\/\/|\\\\|\/\//;

type OpenField = { instruction: string; nameFromNestedField: boolean; judged: boolean };

/**
 * Reads Word field instructions the way Word assembles them: a complex field's instruction may be split
 * over any number of runs (`DD` in one, `EAUTO` in the next), so the pieces between its `begin` and its
 * `separate` or `end` are joined before the field name is read, case-insensitively.
 */
export function readWordFields(): WordFieldReader {
  const open: OpenField[] = [];
  let refusal: FieldRefusal | undefined;
  const judge = (field: OpenField) => {
    if (field.judged) return;
    field.judged = true;
    // A nested field's result becomes part of the outer instruction, so a name built by one cannot be read
    // from the markup; refusing it is the only way to rule out a DDE field spelled by a QUOTE field.
    refusal ??= field.nameFromNestedField ? "office-dde" : judgeFieldInstruction(field.instruction);
  };
  return {
    fieldChar(type) {
      const top = open.at(-1);
      if (type === "begin") {
        if (top !== undefined && !top.judged && top.instruction.trim() === "") top.nameFromNestedField = true;
        open.push({ instruction: "", nameFromNestedField: false, judged: false });
      } else if (type === "separate" && top !== undefined) {
        judge(top);
      } else if (type === "end" && top !== undefined) {
        judge(top);
        open.pop();
      }
    },
    instructionText(text) {
      const top = open.at(-1);
      if (top === undefined || top.judged) refusal ??= judgeFieldInstruction(text);
      else top.instruction += text;
    },
    simpleField(instruction) {
      refusal ??= judgeFieldInstruction(instruction);
    },
    get refusal() {
      return refusal;
    },
  };
}

/** Judges one whole field instruction, such as `DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc"`. */
export function judgeFieldInstruction(instruction: string): FieldRefusal | undefined {
  const match = /^[\s"]*([A-Za-z]+)(.*)$/s.exec(instruction);
  if (match === null) return undefined;
  const name = (match[1] as string).toUpperCase();
  if (PROGRAM_FIELDS.has(name) || name === LINK_FIELD) return "office-dde";
  if (INCLUDE_FIELDS.has(name) && NETWORK_PATH.test(match[2] as string)) return "office-external-link";
  return undefined;
}
