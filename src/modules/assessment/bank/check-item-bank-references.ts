import { factorCholesky } from "../scoring/thurstonian/factor-cholesky.ts";
import type { BankProblem } from "./item-bank-error.ts";
import { formatJsonPath } from "./item-bank-error.ts";
import type { ItemBank, Media } from "./item-bank-schema.ts";

/**
 * Finds every rule broken between parts of a bank whose shape is already valid: duplicate ids, keys that
 * point at options or statements that do not exist, undeclared traits and competencies, and scoring flags
 * that contradict an item's status.
 */
export function checkItemBankReferences(bank: ItemBank): BankProblem[] {
  const problems: BankProblem[] = [];
  const report = (path: readonly PropertyKey[], message: string) => problems.push({ path: formatJsonPath(path), message });

  const reportDuplicates = (list: readonly { id: string }[], listPath: readonly PropertyKey[], what: string) => {
    for (const d of findDuplicates(list.map((x) => x.id))) {
      report([...listPath, d.index, "id"], `duplicate ${what} "${d.id}"; each must be unique`);
    }
  };

  reportDuplicates(bank.competencies, ["competencies"], "competency id");
  reportDuplicates(bank.traits, ["traits"], "trait id");
  reportDuplicates(bank.items, ["items"], "item id");
  reportDuplicates(bank.pages.survey.questions, ["pages", "survey", "questions"], "survey question id");
  const pages = listPages(bank);
  for (const d of findDuplicates(pages.map((p) => p.id))) {
    report([...(pages[d.index]?.path ?? ["pages"]), "id"], `duplicate page id "${d.id}"`);
  }

  const competencyIds = new Set(bank.competencies.map((c) => c.id));
  const traitIds = new Set(bank.traits.map((t) => t.id));

  bank.items.forEach((item, index) => {
    const at = ["items", index] as const;

    if (item.scored && item.status !== "live") {
      report([...at, "scored"], `item ${item.id} is ${item.status}; only live items can be scored (pilot items ride along with scored: false)`);
    }
    item.competencies.forEach((id, c) => {
      if (!competencyIds.has(id)) report([...at, "competencies", c], `competency "${id}" is not declared in the bank's competencies`);
    });

    if (item.exercise === "situations") {
      reportDuplicates(item.options, [...at, "options"], "option id");
      const optionIds = new Set(item.options.map((o) => o.id));
      for (const optionId of Object.keys(item.key.effectiveness)) {
        if (!optionIds.has(optionId))
          report([...at, "key", "effectiveness", optionId], `item ${item.id} rates option "${optionId}", which is not one of its options`);
      }
      item.options.forEach((option, o) => {
        if (!Object.hasOwn(item.key.effectiveness, option.id))
          report([...at, "options", o, "id"], `option "${option.id}" of item ${item.id} has no effectiveness rating in key.effectiveness`);
      });
      const ratings = Object.values(item.key.effectiveness);
      if (new Set(ratings).size === 1) {
        report([...at, "key", "effectiveness"], `every option of item ${item.id} has the same rating, so the item cannot tell answers apart`);
        return;
      }
      // Scoring measures the distance from the most and the least effective option, so each must be one option.
      const highest = Math.max(...ratings);
      const lowest = Math.min(...ratings);
      if (ratings.filter((r) => r === highest).length > 1)
        report(
          [...at, "key", "effectiveness"],
          `item ${item.id} has more than one option rated ${highest}, its highest; the most effective response must be one option`,
        );
      if (ratings.filter((r) => r === lowest).length > 1)
        report(
          [...at, "key", "effectiveness"],
          `item ${item.id} has more than one option rated ${lowest}, its lowest; the least effective response must be one option`,
        );
      return;
    }

    reportDuplicates(item.statements, [...at, "statements"], "statement id");
    const statementIds = new Set(item.statements.map((s) => s.id));
    for (const [statementId, keying] of Object.entries(item.key.statements)) {
      if (!statementIds.has(statementId))
        report([...at, "key", "statements", statementId], `item ${item.id} keys statement "${statementId}", which is not one of its statements`);
      if (!traitIds.has(keying.traitId))
        report([...at, "key", "statements", statementId, "traitId"], `trait "${keying.traitId}" is not declared in the bank's traits`);
    }
    item.statements.forEach((statement, s) => {
      if (!Object.hasOwn(item.key.statements, statement.id))
        report([...at, "statements", s, "id"], `statement "${statement.id}" of item ${item.id} has no trait in key.statements`);
    });
    for (const [statementId, keying] of Object.entries(item.key.statements)) {
      if (Math.sign(keying.loading) !== keying.sign)
        report(
          [...at, "key", "statements", statementId, "loading"],
          `statement "${statementId}" of item ${item.id} is keyed ${keying.sign > 0 ? "+" : "−"} but loads ${keying.loading}; the loading's sign must match the keying`,
        );
    }
    const [left, right] = item.statements;
    const leftKey = Object.hasOwn(item.key.statements, left.id) ? item.key.statements[left.id] : undefined;
    const rightKey = Object.hasOwn(item.key.statements, right.id) ? item.key.statements[right.id] : undefined;
    if (leftKey !== undefined && leftKey.traitId === rightKey?.traitId) {
      report([...at, "key", "statements"], `both statements of item ${item.id} measure "${leftKey.traitId}"; a pair must weigh two different traits`);
    }
    if (leftKey && rightKey) {
      const gap = Math.abs(leftKey.desirability - rightKey.desirability);
      if (gap > MAX_DESIRABILITY_GAP + 1e-9)
        report(
          [...at, "key", "statements"],
          `the statements of item ${item.id} differ by ${round(gap)} in desirability (${leftKey.desirability} and ${rightKey.desirability}); a pair may differ by at most ${MAX_DESIRABILITY_GAP}, or the nicer-sounding side gives the answer away`,
        );
    }
    const [g1, g2, g3] = item.key.thresholds;
    if (!(g1 < g2 && g2 < g3))
      report(
        [...at, "key", "thresholds"],
        `the thresholds of item ${item.id} (${g1}, ${g2}, ${g3}) must increase, one per step between the four ordered answers`,
      );
  });

  problems.push(...checkTraitCorrelations(bank));
  return problems;
}

/** The largest difference in desirability (1–7) allowed between the two statements of a pair. */
export const MAX_DESIRABILITY_GAP = 0.5;

/**
 * The prior's correlation matrix must name each declared trait once and be a proper correlation
 * matrix (square, symmetric, ones on the diagonal, positive definite), or the scores it shapes are
 * not defined.
 */
function checkTraitCorrelations(bank: ItemBank): BankProblem[] {
  const problems: BankProblem[] = [];
  const at = ["workStyleModel", "traitCorrelations"] as const;
  const report = (path: readonly PropertyKey[], message: string) => problems.push({ path: formatJsonPath([...at, ...path]), message });
  const { traits, matrix } = bank.workStyleModel.traitCorrelations;
  const declared = bank.traits.map((t) => t.id);
  for (const d of findDuplicates(traits)) report(["traits", d.index], `trait "${d.id}" is listed twice`);
  traits.forEach((id, i) => {
    if (!declared.includes(id)) report(["traits", i], `trait "${id}" is not declared in the bank's traits`);
  });
  for (const id of declared) if (!traits.includes(id)) report(["traits"], `trait "${id}" has no row in the correlation matrix`);
  const n = traits.length;
  if (matrix.length !== n || matrix.some((row) => row.length !== n)) {
    report(["matrix"], `must be ${n} × ${n}, one row and one column per listed trait`);
    return problems;
  }
  for (let i = 0; i < n; i++) {
    if (matrix[i]?.[i] !== 1) report(["matrix", i, i], "a trait correlates 1 with itself");
    for (let j = 0; j < i; j++) {
      if (matrix[i]?.[j] !== matrix[j]?.[i]) report(["matrix", i, j], `must equal matrix[${j}][${i}]: correlations are symmetric`);
    }
  }
  if (problems.length === 0 && factorCholesky(matrix) === null)
    report(["matrix"], "is not positive definite, so it is not a correlation matrix any traits could have");
  return problems;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Every piece of media in the bank with the path that leads to it, for the audio-file check. */
export function listMedia(bank: ItemBank): { media: Media; path: PropertyKey[] }[] {
  const found: { media: Media; path: PropertyKey[] }[] = [{ media: bank.pages.audioCheck.media, path: ["pages", "audioCheck", "media"] }];
  bank.items.forEach((item, index) => {
    if (item.exercise === "situations" && item.media) found.push({ media: item.media, path: ["items", index, "media"] });
  });
  return found;
}

function listPages(bank: ItemBank): { id: string; path: PropertyKey[] }[] {
  const { pages } = bank;
  return [
    { id: pages.intro.id, path: ["pages", "intro"] },
    { id: pages.tips.id, path: ["pages", "tips"] },
    ...pages.roleOverview.map((p, i) => ({ id: p.id, path: ["pages", "roleOverview", i] })),
    { id: pages.situationsInstructions.id, path: ["pages", "situationsInstructions"] },
    { id: pages.audioCheck.id, path: ["pages", "audioCheck"] },
    { id: pages.autoAdvance.id, path: ["pages", "autoAdvance"] },
    ...pages.partIntros.map((p, i) => ({ id: p.id, path: ["pages", "partIntros", i] })),
    { id: pages.workstyleInstructions.id, path: ["pages", "workstyleInstructions"] },
    { id: pages.completion.id, path: ["pages", "completion"] },
    { id: pages.survey.id, path: ["pages", "survey"] },
  ];
}

/** The second and later occurrences of each repeated id, so the first one stays the reference. */
function findDuplicates(ids: readonly string[]): { id: string; index: number }[] {
  const seen = new Set<string>();
  const duplicates: { id: string; index: number }[] = [];
  ids.forEach((id, index) => {
    if (seen.has(id)) duplicates.push({ id, index });
    else seen.add(id);
  });
  return duplicates;
}
