import { describe, expect, it } from "vitest";
import { ItemBankError } from "./item-bank-error.ts";
import { type ItemBankJson, newItemBankJson } from "./item-bank-factory.ts";
import { parseItemBank, validateItemBank } from "./parse-item-bank.ts";

type ItemJson = ItemBankJson["items"][number];
type SituationJson = Extract<ItemJson, { exercise: "situations" }>;
type PairJson = Extract<ItemJson, { exercise: "workstyle" }>;

function situation(bank: ItemBankJson, id: string): SituationJson {
  const item = bank.items.find((i) => i.id === id);
  if (item?.exercise !== "situations") throw new Error(`no situation ${id}`);
  return item;
}

function pair(bank: ItemBankJson, id: string): PairJson {
  const item = bank.items.find((i) => i.id === id);
  if (item?.exercise !== "workstyle") throw new Error(`no pair ${id}`);
  return item;
}

/** Items in the factory bank: s1 s2 s3 s4 s5 at 0–4, p1 p2 p3 p4 p5 at 5–9. */
const brokenBanks: { name: string; edit: (bank: ItemBankJson) => void; path: string; message: string }[] = [
  {
    name: "an item id used twice",
    edit: (b) => {
      situation(b, "s2").id = "s1";
    },
    path: "items[1].id",
    message: 'duplicate item id "s1"',
  },
  {
    name: "an option id used twice in one item",
    edit: (b) => {
      const options = situation(b, "s2").options;
      if (options[1]) options[1].id = "a";
    },
    path: "items[1].options[1].id",
    message: 'duplicate option id "a"',
  },
  {
    name: "a key that rates an option the item does not have",
    edit: (b) => {
      situation(b, "s1").key.effectiveness.e = 2;
    },
    path: "items[0].key.effectiveness.e",
    message: 'rates option "e", which is not one of its options',
  },
  {
    name: "an option with no effectiveness rating",
    edit: (b) => {
      delete situation(b, "s2").key.effectiveness.d;
    },
    path: "items[1].options[3].id",
    message: "has no effectiveness rating",
  },
  {
    name: "every option rated the same",
    edit: (b) => {
      situation(b, "s3").key.effectiveness = { a: 2, b: 2, c: 2, d: 2 };
    },
    path: "items[2].key.effectiveness",
    message: "same rating",
  },
  {
    name: "two options sharing the highest rating",
    edit: (b) => {
      situation(b, "s3").key.effectiveness.b = 5;
    },
    path: "items[2].key.effectiveness",
    message: "the most effective response must be one option",
  },
  {
    name: "two options sharing the lowest rating",
    edit: (b) => {
      situation(b, "s3").key.effectiveness.a = 1;
    },
    path: "items[2].key.effectiveness",
    message: "the least effective response must be one option",
  },
  {
    name: "a rating above 6",
    edit: (b) => {
      situation(b, "s1").key.effectiveness.a = 6.5;
    },
    path: "items[0].key.effectiveness.a",
    message: "<=6",
  },
  {
    name: "a rating below 1",
    edit: (b) => {
      situation(b, "s1").key.effectiveness.d = 0;
    },
    path: "items[0].key.effectiveness.d",
    message: ">=1",
  },
  {
    name: "a situation with only three options",
    edit: (b) => {
      situation(b, "s2").options.splice(3);
    },
    path: "items[1].options",
    message: "4 to 6 options",
  },
  {
    name: "a situation with seven options",
    edit: (b) => {
      const s = situation(b, "s2");
      for (const id of ["e", "f", "g"]) s.options.push({ id, label: { ja: id, en: id } });
      Object.assign(s.key.effectiveness, { e: 2, f: 2, g: 2 });
    },
    path: "items[1].options",
    message: "4 to 6 options",
  },
  {
    name: "a situation without a keying rationale",
    edit: (b) => {
      delete (situation(b, "s2").key as { rationale?: unknown }).rationale;
    },
    path: "items[1].key.rationale",
    message: "is required",
  },
  {
    name: "a rationale without its Japanese",
    edit: (b) => {
      situation(b, "s2").key.rationale.ja = "";
    },
    path: "items[1].key.rationale.ja",
    message: "must not be blank",
  },
  {
    name: "a situation tagged with two competencies",
    edit: (b) => {
      situation(b, "s2").competencies = ["listening", "policy"];
    },
    path: "items[1].competencies",
    message: "exactly one (primary) competency",
  },
  {
    name: "an audio clip without its English transcript",
    edit: (b) => {
      const media = situation(b, "s1").media;
      if (media) delete (media.transcript as { en?: string }).en;
    },
    path: "items[0].media.transcript.en",
    message: "is required",
  },
  {
    name: "an option label without its English",
    edit: (b) => {
      const option = situation(b, "s3").options[2];
      if (option) option.label.en = " ";
    },
    path: "items[2].options[2].label.en",
    message: "must not be blank",
  },
  {
    name: "a rating scale without its sixth point",
    edit: (b) => {
      (b.scales.effectiveness as unknown[]).pop();
    },
    path: "scales.effectiveness",
    message: ">=6",
  },
  {
    name: "a competency the bank does not declare",
    edit: (b) => {
      situation(b, "s3").competencies = ["empathy"];
    },
    path: "items[2].competencies[0]",
    message: 'competency "empathy" is not declared',
  },
  {
    name: "a trait the bank does not declare",
    edit: (b) => {
      const a = pair(b, "p1").key.statements.a;
      if (a) a.traitId = "grit";
    },
    path: "items[5].key.statements.a.traitId",
    message: 'trait "grit" is not declared',
  },
  {
    name: "a pair whose two statements measure the same trait",
    edit: (b) => {
      const right = pair(b, "p1").key.statements.b;
      if (right) right.traitId = "calm";
    },
    path: "items[5].key.statements",
    message: "two different traits",
  },
  {
    name: "a key for a statement the pair does not have",
    edit: (b) => {
      const statements = pair(b, "p2").key.statements;
      statements.c = statements.b as NonNullable<typeof statements.b>;
      delete statements.b;
    },
    path: "items[6].key.statements.c",
    message: 'keys statement "c", which is not one of its statements',
  },
  {
    name: "a keying sign other than +1 or −1",
    edit: (b) => {
      Object.assign(pair(b, "p1").key.statements.a ?? {}, { sign: 2 });
    },
    path: "items[5].key.statements.a.sign",
    message: "must be 1 or -1",
  },
  {
    name: "a statement without a desirability rating",
    edit: (b) => {
      delete (pair(b, "p1").key.statements.a as { desirability?: number }).desirability;
    },
    path: "items[5].key.statements.a.desirability",
    message: "is required",
  },
  {
    name: "a desirability rating outside 1–7",
    edit: (b) => {
      Object.assign(pair(b, "p1").key.statements.a ?? {}, { desirability: 7.5 });
    },
    path: "items[5].key.statements.a.desirability",
    message: "<=7",
  },
  {
    name: "a statement without its loading",
    edit: (b) => {
      delete (pair(b, "p2").key.statements.b as { loading?: number }).loading;
    },
    path: "items[6].key.statements.b.loading",
    message: "is required",
  },
  {
    name: "a statement without its uniqueness",
    edit: (b) => {
      delete (pair(b, "p2").key.statements.a as { uniqueness?: number }).uniqueness;
    },
    path: "items[6].key.statements.a.uniqueness",
    message: "is required",
  },
  {
    name: "a pair without thresholds",
    edit: (b) => {
      delete (pair(b, "p3").key as { thresholds?: number[] }).thresholds;
    },
    path: "items[7].key.thresholds",
    message: "is required",
  },
  {
    name: "two statements of a pair more than 0.5 apart in desirability",
    edit: (b) => {
      Object.assign(pair(b, "p1").key.statements.b ?? {}, { desirability: 5.6 });
    },
    path: "items[5].key.statements",
    message: "differ by 0.6 in desirability",
  },
  {
    name: "thresholds that do not increase",
    edit: (b) => {
      pair(b, "p2").key.thresholds = [-1, 0.5, 0.5];
    },
    path: "items[6].key.thresholds",
    message: "must increase",
  },
  {
    name: "a loading whose sign contradicts the keying",
    edit: (b) => {
      Object.assign(pair(b, "p2").key.statements.b ?? {}, { loading: 0.8 });
    },
    path: "items[6].key.statements.b.loading",
    message: "the loading's sign must match the keying",
  },
  {
    name: "a trait correlation matrix without a declared trait",
    edit: (b) => {
      const c = b.workStyleModel.traitCorrelations;
      c.traits = ["calm", "care"];
      c.matrix = [
        [1, 0.3],
        [0.3, 1],
      ];
    },
    path: "workStyleModel.traitCorrelations.traits",
    message: 'trait "detail" has no row',
  },
  {
    name: "an asymmetric trait correlation matrix",
    edit: (b) => {
      const row = b.workStyleModel.traitCorrelations.matrix[2];
      if (row) row[0] = 0.25;
    },
    path: "workStyleModel.traitCorrelations.matrix[2][0]",
    message: "symmetric",
  },
  {
    name: "a trait correlation matrix that no traits could have",
    edit: (b) => {
      b.workStyleModel.traitCorrelations.matrix = [
        [1, 0.9, 0.9],
        [0.9, 1, -0.9],
        [0.9, -0.9, 1],
      ];
    },
    path: "workStyleModel.traitCorrelations.matrix",
    message: "not positive definite",
  },
  {
    name: "a pair with three statements",
    edit: (b) => {
      (pair(b, "p1").statements as unknown as unknown[]).push({ id: "c", text: { ja: "C", en: "C" } });
    },
    path: "items[5].statements",
    message: "<=2",
  },
  {
    name: "a pilot item marked scored",
    edit: (b) => {
      situation(b, "s4").scored = true;
    },
    path: "items[3].scored",
    message: "only live items can be scored",
  },
  {
    name: "a text without its English",
    edit: (b) => {
      delete (situation(b, "s1").scenario as { en?: string }).en;
    },
    path: "items[0].scenario.en",
    message: "is required",
  },
  {
    name: "a blank Japanese text",
    edit: (b) => {
      b.pages.intro.title.ja = "   ";
    },
    path: "pages.intro.title.ja",
    message: "must not be blank",
  },
  {
    name: "a misspelt field",
    edit: (b) => {
      Object.assign(situation(b, "s1"), { scenaro: { ja: "x", en: "x" } });
    },
    path: "items[0].scenaro",
    message: "not a known field",
  },
  {
    name: "an audio path that leaves the bank folder",
    edit: (b) => {
      const media = situation(b, "s1").media;
      if (media) media.src = "../secrets.mp3";
    },
    path: "items[0].media.src",
    message: "must be audio/<name>.mp3",
  },
  {
    name: "a speech reading with kanji in it",
    edit: (b) => {
      const media = situation(b, "s1").media;
      if (media) media.reading = "荷物はどこですか";
    },
    path: "items[0].media.reading",
    message: "phonetic kana only",
  },
  {
    name: "a situation in a third part",
    edit: (b) => {
      Object.assign(situation(b, "s1"), { part: 3 });
    },
    path: "items[0].part",
    message: "must be 1 or 2",
  },
  {
    name: "a situation with the work-style format",
    edit: (b) => {
      Object.assign(situation(b, "s1"), { format: "paired-statements" });
    },
    path: "items[0].format",
    message: "Invalid input",
  },
  {
    name: "an unknown exercise",
    edit: (b) => {
      Object.assign(situation(b, "s1"), { exercise: "quiz" });
    },
    path: "items[0].exercise",
    message: "discriminator",
  },
  {
    name: "an unknown status",
    edit: (b) => {
      Object.assign(situation(b, "s1"), { status: "published" });
    },
    path: "items[0].status",
    message: "Invalid option",
  },
  {
    name: "a fractional item version",
    edit: (b) => {
      situation(b, "s1").version = 1.5;
    },
    path: "items[0].version",
    message: "int",
  },
  {
    name: "a single role-overview page",
    edit: (b) => {
      b.pages.roleOverview.splice(1);
    },
    path: "pages.roleOverview",
    message: "2 to 4 pages",
  },
  {
    name: "a trait id declared twice",
    edit: (b) => {
      const care = b.traits[1];
      if (care) care.id = "calm";
    },
    path: "traits[1].id",
    message: 'duplicate trait id "calm"',
  },
  {
    name: "two pages with one id",
    edit: (b) => {
      b.pages.tips.id = "intro";
    },
    path: "pages.tips.id",
    message: 'duplicate page id "intro"',
  },
  {
    name: "an id with capitals and spaces",
    edit: (b) => {
      situation(b, "s1").id = "Late Delivery";
    },
    path: "items[0].id",
    message: "lower-case letters",
  },
  {
    name: "a survey question id used twice",
    edit: (b) => {
      const second = b.pages.survey.questions[1];
      if (second) second.id = "q1";
    },
    path: "pages.survey.questions[1].id",
    message: 'duplicate survey question id "q1"',
  },
];

describe("parseItemBank", () => {
  it("accepts the factory bank", () => {
    const bank = parseItemBank(newItemBankJson());
    expect(bank.items).toHaveLength(10);
    // A pair's competencies default to an empty list, so reports never meet `undefined`.
    expect(bank.items.find((i) => i.id === "p1")?.competencies).toEqual([]);
  });

  it.each(brokenBanks)("rejects $name at $path", ({ edit, path, message }) => {
    const json = newItemBankJson();
    edit(json);
    const result = validateItemBank(json);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(() => parseItemBank(json)).toThrow(ItemBankError);
  });

  it("lists every problem in one error, each with its path", () => {
    const json = newItemBankJson();
    situation(json, "s3").competencies = ["empathy"];
    situation(json, "s4").scored = true;
    const error = (() => {
      try {
        parseItemBank(json);
      } catch (e) {
        return e;
      }
      throw new Error("expected the bank to be rejected");
    })();
    expect(error).toBeInstanceOf(ItemBankError);
    const bankError = error as ItemBankError;
    expect(bankError.code).toBe("ITEM_BANK_INVALID");
    expect(bankError.problems).toHaveLength(2);
    expect(bankError.message).toContain("(2 problems)");
    expect(bankError.message).toContain("items[2].competencies[0]:");
    expect(bankError.message).toContain("items[3].scored:");
  });

  it("rejects what is not a bank at all", () => {
    for (const json of [null, 42, "bank", []]) {
      expect(validateItemBank(json).ok).toBe(false);
    }
  });
});
