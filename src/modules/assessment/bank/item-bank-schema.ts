/**
 * The shape of an assessment item bank.
 *
 * The ideas come from IMS QTI (an item is a versioned unit with a body, a response declaration and a
 * scoring key, kept apart from how it is presented), reduced to the two formats this assessment uses:
 * single-choice situations and paired statements. Every text a person can read is a `{ ja, en }` pair.
 *
 * This file only checks each value's shape. Rules that relate one part of the bank to another
 * (unique ids, keys that point at real options, declared traits…) live in
 * `check-item-bank-references.ts`, so that every broken reference is reported with its path at once.
 */
import { z } from "zod";

/** Lower-case letters, digits and single hyphens: safe in URLs, file names and database keys. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const IdSchema = z.string().regex(ID_PATTERN, "must use lower-case letters, digits and single hyphens (e.g. sit-late-delivery)");

const NonBlankSchema = z.string().refine((s) => s.trim().length > 0, "must not be blank");

/** A text shown to people, in both languages the portal speaks. */
export const LocalizedTextSchema = z.strictObject({ ja: NonBlankSchema, en: NonBlankSchema });

/**
 * Audio lives in the bank's `audio/` folder under a plain file name, which rules out absolute paths
 * and `..` without any path arithmetic.
 */
export const AUDIO_SRC_PATTERN = /^audio\/[a-z0-9]+(?:-[a-z0-9]+)*\.(?:mp3|ogg)$/;

/** Only kana, the long-vowel mark, spaces and Japanese punctuation: what the speech synthesiser reads well. */
export const KANA_READING_PATTERN = /^[\u3041-\u3096\u30a1-\u30fa\u30fc\u3000\s、。？！「」]+$/u;

/** An audio clip: a file in the bank's audio folder, with what is said in both languages. */
export const MediaSchema = z.strictObject({
  src: z.string().regex(AUDIO_SRC_PATTERN, "must be audio/<name>.mp3 or audio/<name>.ogg, name in lower-case letters, digits and hyphens"),
  /** Shown as an accommodation to anyone who cannot listen, and to staff reviewing the item. */
  transcript: LocalizedTextSchema,
  /**
   * The Japanese transcript in phonetic kana (particle は written わ, へ written え), for the speech
   * synthesiser, which cannot read kanji. Not needed when the audio is a real recording.
   */
  reading: z.string().regex(KANA_READING_PATTERN, "must be phonetic kana only (no kanji, latin letters or digits)").optional(),
  /** How often the candidate may play the clip; absent means no limit. */
  maxPlays: z.number().int().min(1).max(10).optional(),
});

const BlockSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("heading"), text: LocalizedTextSchema }),
  z.strictObject({ type: z.literal("paragraph"), text: LocalizedTextSchema }),
  z.strictObject({
    type: z.literal("list"),
    style: z.enum(["bullet", "numbered"]),
    items: z.array(z.strictObject({ term: LocalizedTextSchema.optional(), text: LocalizedTextSchema })).min(1),
  }),
]);

const pageFields = {
  id: IdSchema,
  title: LocalizedTextSchema,
  body: z.array(BlockSchema).min(1),
  /** The label of the button that leaves the page (次へ, 開始, 送信…), as the seed names them. */
  continueLabel: LocalizedTextSchema,
};

/** A page of text around the exercises (intro, tips, instructions…), built from headings, paragraphs and lists. */
export const PageSchema = z.strictObject(pageFields);

/** The audio-check page: a page with the clip the candidate plays to test their sound. */
export const AudioCheckPageSchema = z.strictObject({ ...pageFields, media: MediaSchema });

/** The optional experience survey: statements answered on the agreement scale, never scored. */
export const SurveyPageSchema = z.strictObject({
  ...pageFields,
  questions: z
    .array(z.strictObject({ id: IdSchema, text: LocalizedTextSchema }))
    .min(1)
    .max(10),
});

/** draft (not shown) → pilot (shown, unscored) → live → retired (no longer shown). */
export const ItemStatusSchema = z.enum(["draft", "pilot", "live", "retired"]);

const itemFields = {
  id: IdSchema,
  /** Raised whenever a change could change what an answer means; answers keep the version they were given to. */
  version: z.number().int().min(1),
  status: ItemStatusSchema,
  /** Pilot items are shown to candidates to collect statistics but never count towards a score. */
  scored: z.boolean(),
};

/** One response a candidate can choose in a situation. */
export const OptionSchema = z.strictObject({ id: IdSchema, label: LocalizedTextSchema });

/** The lowest and highest effectiveness rating: the keying panel's scale. */
export const EFFECTIVENESS_MIN = 1;
export const EFFECTIVENESS_MAX = 6;

/**
 * A customer-service situation: one scenario, 4–6 options each rated for effectiveness by a keying
 * panel. The candidate picks the most effective and the least effective option (format "single-choice"
 * names the one choice made in each of the two columns).
 */
export const SituationItemSchema = z.strictObject({
  ...itemFields,
  exercise: z.literal("situations"),
  format: z.literal("single-choice"),
  part: z.literal([1, 2], { error: "must be 1 or 2" }),
  /** A short name for staff reports and item review; candidates see the scenario, not this. */
  title: LocalizedTextSchema,
  /** The one competency the item counts towards: every item feeds exactly one subscore. */
  competencies: z
    .array(IdSchema)
    .min(1, "a situation needs its one primary competency")
    .max(1, "a situation has exactly one (primary) competency; each item counts towards one subscore"),
  scenario: LocalizedTextSchema,
  media: MediaSchema.optional(),
  /** Asks for the most and the least effective response, in the words that suit the situation. */
  question: LocalizedTextSchema,
  options: z.array(OptionSchema).min(4, "a situation needs 4 to 6 options").max(6, "a situation needs 4 to 6 options"),
  key: z.strictObject({
    /**
     * Option id → how effective that response is, 1 (very ineffective) to 6 (very effective): the mean
     * of the keying panel's ratings, so it may have a decimal (4.6).
     */
    effectiveness: z.record(IdSchema, z.number().min(EFFECTIVENESS_MIN).max(EFFECTIVENESS_MAX)),
    /** Why the ratings are what they are, for item reviewers and the keying panel. Never shown to candidates. */
    rationale: LocalizedTextSchema,
  }),
});

/** One side of a work-style pair. */
export const StatementSchema = z.strictObject({ id: IdSchema, text: LocalizedTextSchema });

/**
 * How one statement is scored under the Thurstonian model: the trait it speaks to, its keying, how
 * desirable it looks for this job, and its item parameters. A statement's utility is
 * t = μ + loading × trait + e with var(e) = uniqueness; utilities are standardised (variance 1), so
 * loadings lie between −1 and 1 and loading² + uniqueness = 1 after calibration.
 */
export const StatementKeySchema = z.strictObject({
  traitId: IdSchema,
  /** +1: agreeing shows more of the trait; −1: less. */
  sign: z.literal([1, -1], { error: "must be 1 or -1" }),
  /**
   * How desirable the statement looks to an applicant for this job, 1 (very undesirable) to 7 (very
   * desirable). Pairs weigh statements of about equal desirability, so the nicer-sounding side is no clue.
   */
  desirability: z.number().min(1).max(7),
  /** λ, signed: a negatively keyed statement loads negatively on its trait. */
  loading: z
    .number()
    .gt(-1)
    .lt(1)
    .refine((v) => v !== 0, "must not be 0: a statement that does not load on its trait cannot be scored"),
  /** ψ², the variance of the statement's utility that its trait does not explain. */
  uniqueness: z.number().gt(0).max(1),
});

/** A work-style pair: two statements, each keyed to a trait with a sign, answered on four points. */
export const PairItemSchema = z.strictObject({
  ...itemFields,
  exercise: z.literal("workstyle"),
  format: z.literal("paired-statements"),
  /** Reporting tags only; work-style answers score traits, not competencies. */
  competencies: z.array(IdSchema).default([]),
  /** Left statement first, right statement second: the answer's sign says which side was chosen. */
  statements: z.tuple([StatementSchema, StatementSchema]),
  key: z.strictObject({
    /** Statement id → the trait it speaks to, its keying, desirability and item parameters. */
    statements: z.record(IdSchema, StatementKeySchema),
    /**
     * γ1 < γ2 < γ3: where the left-minus-right utility difference crosses from one answer to the next,
     * in the order +2, +1, −1, −2 (see scoring/thurstonian/map-point-to-category.ts).
     */
    thresholds: z.tuple([z.number(), z.number(), z.number()]),
  }),
});

/** Any item; the exercise decides which shape applies. */
export const ItemSchema = z.discriminatedUnion("exercise", [SituationItemSchema, PairItemSchema]);

/**
 * The model the work-style pairs are scored with, the trait correlations it uses as the prior, and
 * where the item parameters came from.
 */
export const WorkStyleModelSchema = z.strictObject({
  /** Thurstonian IRT for graded (four-point) paired comparisons; the parameters only mean something under it. */
  model: z.literal("thurstonian-graded-1"),
  traitCorrelations: z.strictObject({
    /** Where the correlations come from, for reviewers. */
    source: NonBlankSchema,
    /** The order of the matrix's rows and columns: every declared trait once. */
    traits: z.array(IdSchema).min(1),
    matrix: z.array(z.array(z.number().min(-1).max(1))),
  }),
  /** How the item parameters were estimated, so that the run can be repeated. */
  calibration: z.strictObject({
    /** `simulated`: fitted to responses generated from design values; `applicants`: fitted to real attempts. */
    data: z.enum(["simulated", "applicants"]),
    seed: z.number().int().min(0),
    respondents: z.number().int().min(1),
    iterations: z.number().int().min(1),
    converged: z.boolean(),
  }),
});

const ScaleLabelSchema = <V extends number>(value: V) => z.strictObject({ value: z.literal(value), label: LocalizedTextSchema });

const PairPointLabelSchema = <P extends number>(point: P) => z.strictObject({ point: z.literal(point), label: LocalizedTextSchema });

/** A whole bank with its items inline: what `loadItemBank` returns and what an export holds. */
export const ItemBankSchema = z.strictObject({
  bankId: IdSchema,
  /** Raised on every published change; a score names the bank version it was computed with. */
  version: z.number().int().min(1),
  title: LocalizedTextSchema,
  estimatedMinutes: z.number().int().min(1).max(240),
  /** How long a completed assessment may be reused for a new application. */
  resultValidityMonths: z.number().int().min(1).max(24),
  competencies: z.array(z.strictObject({ id: IdSchema, name: LocalizedTextSchema, description: LocalizedTextSchema })).min(1),
  traits: z.array(z.strictObject({ id: IdSchema, name: LocalizedTextSchema, description: LocalizedTextSchema })).min(1),
  workStyleModel: WorkStyleModelSchema,
  scales: z.strictObject({
    /** The keying panel's rating scale, 1–6; staff see these labels beside an item's ratings. */
    effectiveness: z.tuple([ScaleLabelSchema(1), ScaleLabelSchema(2), ScaleLabelSchema(3), ScaleLabelSchema(4), ScaleLabelSchema(5), ScaleLabelSchema(6)]),
    pairPoints: z.tuple([PairPointLabelSchema(-2), PairPointLabelSchema(-1), PairPointLabelSchema(1), PairPointLabelSchema(2)]),
    agreement: z.tuple([ScaleLabelSchema(1), ScaleLabelSchema(2), ScaleLabelSchema(3), ScaleLabelSchema(4), ScaleLabelSchema(5)]),
  }),
  /** The labels of a situation's two choices: the most effective and the least effective response. */
  situationPicks: z.strictObject({ best: LocalizedTextSchema, worst: LocalizedTextSchema }),
  /** The question asked above every pair of statements. */
  pairPrompt: LocalizedTextSchema,
  pages: z.strictObject({
    intro: PageSchema,
    tips: PageSchema,
    roleOverview: z.array(PageSchema).min(2, "the role overview needs 2 to 4 pages").max(4, "the role overview needs 2 to 4 pages"),
    situationsInstructions: PageSchema,
    audioCheck: AudioCheckPageSchema,
    autoAdvance: PageSchema,
    /** Shown before part 1 and before part 2 of the situations exercise. */
    partIntros: z.tuple([PageSchema, PageSchema]),
    workstyleInstructions: PageSchema,
    completion: PageSchema,
    survey: SurveyPageSchema,
  }),
  items: z.array(ItemSchema),
});

/**
 * `bank.json` on disk: the bank without its items, plus the files that hold them, so that each exercise
 * can be edited and reviewed on its own.
 */
export const BankManifestSchema = ItemBankSchema.omit({ items: true }).extend({
  itemFiles: z.array(z.string().regex(/^items\/[a-z0-9]+(?:-[a-z0-9]+)*\.json$/, "must be items/<name>.json")).min(1),
});

export type Locale = "ja" | "en";
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
export type Media = z.infer<typeof MediaSchema>;
export type Page = z.infer<typeof PageSchema>;
export type AudioCheckPage = z.infer<typeof AudioCheckPageSchema>;
export type SurveyPage = z.infer<typeof SurveyPageSchema>;
export type ItemStatus = z.infer<typeof ItemStatusSchema>;
export type SituationItem = z.infer<typeof SituationItemSchema>;
export type PairItem = z.infer<typeof PairItemSchema>;
export type StatementKey = z.infer<typeof StatementKeySchema>;
export type WorkStyleModel = z.infer<typeof WorkStyleModelSchema>;
export type Item = z.infer<typeof ItemSchema>;
export type ItemBank = z.infer<typeof ItemBankSchema>;
export type BankManifest = z.infer<typeof BankManifestSchema>;
/** The four answers to a pair: negative means the left statement, 2 means 私に最も該当する. */
export type PairPoint = -2 | -1 | 1 | 2;
