/**
 * A small, valid item bank for tests: few enough items that a scoring example can be worked out by
 * hand, and every kind of item the schema knows (live, pilot, draft, retired; with and without audio).
 */
import type { z } from "zod";
import type { ItemBankSchema } from "./item-bank-schema.ts";

export type ItemBankJson = z.input<typeof ItemBankSchema>;

const t = (ja: string, en: string) => ({ ja, en });

const page = (id: string, title: string) => ({
  id,
  title: t(`${title}（ja）`, title),
  body: [{ type: "paragraph" as const, text: t("本文", "Body") }],
  continueLabel: t("次へ", "Next"),
});

const options = () => [
  { id: "a", label: t("選択肢A", "Option A") },
  { id: "b", label: t("選択肢B", "Option B") },
  { id: "c", label: t("選択肢C", "Option C") },
  { id: "d", label: t("選択肢D", "Option D") },
];

/**
 * Situations (effectiveness ratings 1–6 of options a/b/c/d):
 *   s1 part 1, live, listening          6    4    2.5  1     (has audio)
 *   s2 part 1, live, listening          1.5  5.5  3    4.5
 *   s3 part 2, live, policy             2    3    5    1
 *   s4 part 2, pilot, unscored, policy  6    1    2    3
 *   s5 part 1, draft, unscored          6    4    2    1
 * Pairs (left statement a, right statement b; loadings ±0.8, uniqueness 0.36, thresholds −1, 0, 1;
 * traits correlate calm–care 0.3, calm–detail 0.2, care–detail 0.1):
 *   p1 live      a: calm +1     b: detail +1
 *   p2 live      a: care +1     b: calm −1
 *   p3 live      a: detail −1   b: care +1
 *   p4 pilot     a: calm +1     b: care +1
 *   p5 retired   a: care +1     b: detail +1
 */
export function newItemBankJson(): ItemBankJson {
  const situation = (id: string, part: 1 | 2, status: "live" | "pilot" | "draft", competency: string, ratings: [number, number, number, number]) => ({
    id,
    version: 1,
    status,
    scored: status === "live",
    exercise: "situations" as const,
    format: "single-choice" as const,
    part,
    title: t(`場面 ${id}`, `Situation ${id}`),
    competencies: [competency],
    scenario: t(`${id} の場面`, `The ${id} situation`),
    question: t("最も効果的なのは？", "Most effective?"),
    options: options(),
    key: {
      effectiveness: { a: ratings[0], b: ratings[1], c: ratings[2], d: ratings[3] },
      rationale: t(`${id} の理由`, `Why ${id}`),
    },
  });
  // Every statement loads 0.8 in its keying's direction with uniqueness 0.36; positively keyed
  // statements are rated 5 for desirability, negatively keyed ones 4.6 (a gap of 0.4 in mixed pairs).
  const statementKey = (traitId: string, sign: 1 | -1) => ({ traitId, sign, desirability: sign > 0 ? 5 : 4.6, loading: 0.8 * sign, uniqueness: 0.36 });
  const pair = (id: string, status: "live" | "pilot" | "retired", left: [string, 1 | -1], right: [string, 1 | -1]) => ({
    id,
    version: 1,
    status,
    scored: status === "live",
    exercise: "workstyle" as const,
    format: "paired-statements" as const,
    statements: [
      { id: "a", text: t(`${id} 左`, `${id} left`) },
      { id: "b", text: t(`${id} 右`, `${id} right`) },
    ] as [{ id: string; text: { ja: string; en: string } }, { id: string; text: { ja: string; en: string } }],
    key: {
      statements: {
        a: statementKey(left[0], left[1]),
        b: statementKey(right[0], right[1]),
      },
      thresholds: [-1, 0, 1] as [number, number, number],
    },
  });

  const s1 = {
    ...situation("s1", 1, "live", "listening", [6, 4, 2.5, 1]),
    media: {
      src: "audio/s1.mp3",
      transcript: t("荷物はどこですか。", "Where is my parcel?"),
      reading: "にもつわ どこですか。",
      maxPlays: 2,
    },
  };

  return {
    bankId: "test-bank",
    version: 3,
    title: t("テスト", "Test"),
    estimatedMinutes: 45,
    resultValidityMonths: 6,
    competencies: [
      { id: "listening", name: t("傾聴", "Listening"), description: t("説明", "About") },
      { id: "policy", name: t("判断", "Policy"), description: t("説明", "About") },
    ],
    traits: [
      { id: "calm", name: t("落ち着き", "Calm"), description: t("説明", "About") },
      { id: "care", name: t("思いやり", "Care"), description: t("説明", "About") },
      { id: "detail", name: t("正確さ", "Detail"), description: t("説明", "About") },
    ],
    workStyleModel: {
      model: "thurstonian-graded-1",
      traitCorrelations: {
        source: "Test values",
        traits: ["calm", "care", "detail"],
        matrix: [
          [1, 0.3, 0.2],
          [0.3, 1, 0.1],
          [0.2, 0.1, 1],
        ],
      },
      calibration: { data: "simulated", seed: 1, respondents: 1000, iterations: 1, converged: true },
    },
    scales: {
      effectiveness: [
        { value: 1, label: t("1", "1") },
        { value: 2, label: t("2", "2") },
        { value: 3, label: t("3", "3") },
        { value: 4, label: t("4", "4") },
        { value: 5, label: t("5", "5") },
        { value: 6, label: t("6", "6") },
      ],
      pairPoints: [
        { point: -2, label: t("私に最も該当する", "Most like me") },
        { point: -1, label: t("私に良く該当する", "Quite like me") },
        { point: 1, label: t("私に良く該当する", "Quite like me") },
        { point: 2, label: t("私に最も該当する", "Most like me") },
      ],
      agreement: [
        { value: 1, label: t("1", "1") },
        { value: 2, label: t("2", "2") },
        { value: 3, label: t("3", "3") },
        { value: 4, label: t("4", "4") },
        { value: 5, label: t("5", "5") },
      ],
    },
    situationPicks: { best: t("最も効果的", "Most effective"), worst: t("最も効果的でない", "Least effective") },
    pairPrompt: t("どちら？", "Which?"),
    pages: {
      intro: page("intro", "Intro"),
      tips: page("tips", "Tips"),
      roleOverview: [page("role-1", "Role 1"), page("role-2", "Role 2")],
      situationsInstructions: page("situations-instructions", "Situations"),
      audioCheck: {
        ...page("audio-check", "Audio check"),
        media: { src: "audio/check.mp3", transcript: t("聞こえますか。", "Can you hear me?") },
      },
      autoAdvance: page("auto-advance", "Auto-advance"),
      partIntros: [page("part-1", "Part 1"), page("part-2", "Part 2")],
      workstyleInstructions: page("workstyle-instructions", "Work style"),
      completion: page("completion", "Done"),
      survey: {
        ...page("survey", "Survey"),
        questions: [
          { id: "q1", text: t("質問1", "Question 1") },
          { id: "q2", text: t("質問2", "Question 2") },
        ],
      },
    },
    items: [
      s1,
      situation("s2", 1, "live", "listening", [1.5, 5.5, 3, 4.5]),
      situation("s3", 2, "live", "policy", [2, 3, 5, 1]),
      situation("s4", 2, "pilot", "policy", [6, 1, 2, 3]),
      situation("s5", 1, "draft", "listening", [6, 4, 2, 1]),
      pair("p1", "live", ["calm", 1], ["detail", 1]),
      pair("p2", "live", ["care", 1], ["calm", -1]),
      pair("p3", "live", ["detail", -1], ["care", 1]),
      pair("p4", "pilot", ["calm", 1], ["care", 1]),
      pair("p5", "retired", ["care", 1], ["detail", 1]),
    ],
  };
}

/**
 * The factory bank with its situations replaced by `count` live ones, alternating between the parts and
 * spread over three competencies (listening, policy, ownership), every item rated `ratings` and each
 * option's label written by `label` from its place and rating: a way to build banks with or without
 * answer cues in option length. The pairs stay as they are.
 */
export function generatedBank(count: number, ratings: readonly number[], label: (index: number, rating: number) => { ja: string; en: string }): ItemBankJson {
  const json = newItemBankJson();
  json.competencies.push({ id: "ownership", name: t("責任", "Ownership"), description: t("説明", "About") });
  const competencies = ["listening", "policy", "ownership"];
  const ids = ["a", "b", "c", "d", "e", "f"].slice(0, ratings.length);
  const situations = Array.from({ length: count }, (_, n) => ({
    id: `g${n + 1}`,
    version: 1,
    status: "live" as const,
    scored: true,
    exercise: "situations" as const,
    format: "single-choice" as const,
    part: (n % 2 === 0 ? 1 : 2) as 1 | 2,
    title: t(`場面${n + 1}`, `Situation ${n + 1}`),
    competencies: [competencies[n % 3] as string],
    scenario: t("お客様から連絡がありました。", "A customer gets in touch."),
    question: t("最も効果的な対応と、最も効果的でない対応は？", "Most and least effective?"),
    options: ids.map((id, i) => ({ id, label: label(i, ratings[i] as number) })),
    key: { effectiveness: Object.fromEntries(ids.map((id, i) => [id, ratings[i] as number])), rationale: t("理由", "Why") },
  }));
  json.items = [...situations, ...json.items.filter((i) => i.exercise === "workstyle")];
  return json;
}
