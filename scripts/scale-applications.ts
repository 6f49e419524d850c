/**
 * Invented applications at scale for the demo job, so the pipeline and its export can be tried and measured
 * at 100 000 applications: Japanese and Western names in kanji, kana and the alphabet, every stage in a
 * plausible share, dates over three months, documents sent or still to come, assessment results for those past
 * the wizard, a few in English. All data is
 * made up (example.jp addresses, numbers from a deterministic sequence); nothing resembles a real person.
 */
import { randomInt, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { latestQuestionSet } from "../src/modules/applications/application-store.ts";
import { type ApplicationState, applications, type PersonalDetails } from "../src/modules/applications/schema.ts";
import { assessmentAttempts } from "../src/modules/assessment/schema.ts";
import { candidates } from "../src/modules/candidates/schema.ts";
import { findJob } from "../src/modules/jobs/job-repo.ts";
import { currentJobVersion } from "../src/modules/jobs/job-versions.ts";
import type { Db } from "../src/platform/db/database.ts";

const FAMILY: [string, string, string][] = [
  ["佐藤", "サトウ", "Sato"],
  ["鈴木", "スズキ", "Suzuki"],
  ["高橋", "タカハシ", "Takahashi"],
  ["田中", "タナカ", "Tanaka"],
  ["伊藤", "イトウ", "Ito"],
  ["渡辺", "ワタナベ", "Watanabe"],
  ["山本", "ヤマモト", "Yamamoto"],
  ["中村", "ナカムラ", "Nakamura"],
  ["小林", "コバヤシ", "Kobayashi"],
  ["加藤", "カトウ", "Kato"],
  ["吉田", "ヨシダ", "Yoshida"],
  ["山田", "ヤマダ", "Yamada"],
  ["佐々木", "ササキ", "Sasaki"],
  ["山口", "ヤマグチ", "Yamaguchi"],
  ["松本", "マツモト", "Matsumoto"],
  ["井上", "イノウエ", "Inoue"],
  ["木村", "キムラ", "Kimura"],
  ["林", "ハヤシ", "Hayashi"],
  ["斎藤", "サイトウ", "Saito"],
  ["清水", "シミズ", "Shimizu"],
  ["森", "モリ", "Mori"],
  ["池田", "イケダ", "Ikeda"],
  ["橋本", "ハシモト", "Hashimoto"],
  ["石川", "イシカワ", "Ishikawa"],
];
const GIVEN: [string, string, string][] = [
  ["花子", "ハナコ", "Hanako"],
  ["太郎", "タロウ", "Taro"],
  ["陽菜", "ヒナ", "Hina"],
  ["蓮", "レン", "Ren"],
  ["結衣", "ユイ", "Yui"],
  ["大翔", "ヒロト", "Hiroto"],
  ["美咲", "ミサキ", "Misaki"],
  ["悠真", "ユウマ", "Yuma"],
  ["葵", "アオイ", "Aoi"],
  ["湊", "ミナト", "Minato"],
  ["さくら", "サクラ", "Sakura"],
  ["健太", "ケンタ", "Kenta"],
  ["真由美", "マユミ", "Mayumi"],
  ["翔太", "ショウタ", "Shota"],
  ["直美", "ナオミ", "Naomi"],
  ["和也", "カズヤ", "Kazuya"],
  ["由紀", "ユキ", "Yuki"],
  ["拓海", "タクミ", "Takumi"],
];
/** Candidates without a kanji name, writing in English. */
const WESTERN: [string, string, string, string][] = [
  ["Smith", "スミス", "Emma", "エマ"],
  ["Brown", "ブラウン", "Liam", "リアム"],
  ["Garcia", "ガルシア", "Sofia", "ソフィア"],
  ["Nguyen", "グエン", "Minh", "ミン"],
  ["Kim", "キム", "Jiwoo", "ジウ"],
  ["Silva", "シルバ", "Lucas", "ルーカス"],
];

/** Shares of the states, in percent, as a busy campaign might hold them. */
const STATE_SHARES: [ApplicationState, number][] = [
  ["submitted", 28],
  ["screening", 18],
  ["interview_scheduling", 7],
  ["interviewed", 6],
  ["offered", 2],
  ["hired", 1],
  ["rejected", 20],
  ["withdrawn", 3],
  ["draft", 8],
  ["assessment_pending", 2],
  ["screened_out", 5],
];
const PAGES_BEFORE_SUBMIT = ["documents", "personal", "eligibility", "work-authorization", "self-identification"];
const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A small deterministic generator, so two runs make the same campaign. */
function sequence(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stateAt(r: number): ApplicationState {
  let at = r * 100;
  for (const [state, share] of STATE_SHARES) {
    if (at < share) return state;
    at -= share;
  }
  return "submitted";
}

/**
 * Writes `count` invented applications (and a candidate account for each) to a job, `batch` rows per
 * INSERT. Returns how many were written. Runs again safely: addresses carry the run's own tag, and
 * references count on from a random point (two runs meet only if their starts fall within the count).
 */
export async function scaleApplications(db: Db, input: { count: number; jobId: string; now: Date; batch?: number; seed?: number }): Promise<number> {
  const job = await findJob(db, input.jobId);
  const set = await latestQuestionSet(db, input.jobId);
  if (!job || !set) throw new Error(`job ${input.jobId} or its question set is missing: seed the demo content first`);
  const jobVersionId = await currentJobVersion(db, job, input.now);
  const random = sequence(input.seed ?? 20261129);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const run = randomUUID().slice(0, 8);
  const referenceStart = randomInt(32 ** 6);
  const batch = input.batch ?? 1000;
  const span = 90 * 24 * 3600_000;
  let written = 0;
  let attempt = 0;
  while (written < input.count) {
    const size = Math.min(batch, input.count - written);
    const people = [];
    const apps = [];
    const attempts = [];
    for (let i = 0; i < size; i++) {
      const n = attempt + i;
      const id = randomUUID();
      const western = random() < 0.06;
      const family = western ? null : pick(FAMILY);
      const given = western ? null : pick(GIVEN);
      const w = western ? pick(WESTERN) : null;
      const names = w
        ? { familyKanji: "", givenKanji: "", familyKana: w[1], givenKana: w[3], familyLatin: w[0], givenLatin: w[2] }
        : { familyKanji: family![0], givenKanji: given![0], familyKana: family![1], givenKana: given![1], familyLatin: family![2], givenLatin: given![2] };
      const email = `${names.givenLatin.toLowerCase()}.${names.familyLatin.toLowerCase()}.${run}.${n}@example.jp`;
      const phone = `+8190${String(10_000_000 + ((n * 7919 + Number.parseInt(run.slice(0, 4), 16)) % 90_000_000)).padStart(8, "0")}`;
      const createdAt = new Date(input.now.getTime() - Math.floor(random() * span));
      people.push({
        id,
        email,
        phone,
        familyName: names.familyKanji || names.familyKana,
        givenName: names.givenKanji || names.givenKana,
        familyNameLatin: names.familyLatin,
        givenNameLatin: names.givenLatin,
        timeZone: "Asia/Tokyo",
        // Not an argon2 hash: these accounts can never sign in.
        pinHash: "invented",
        contactConsent: true,
        locale: western ? "en" : "ja",
        createdAt,
        updatedAt: createdAt,
      });
      const state = stateAt(random());
      const inWizard = state === "draft" || state === "assessment_pending" || state === "screened_out";
      const pagesDone = state === "draft" ? Math.floor(random() * PAGES_BEFORE_SUBMIT.length) : PAGES_BEFORE_SUBMIT.length;
      const hasPersonal = pagesDone >= 2;
      const personal: PersonalDetails | null = hasPersonal
        ? {
            familyNameKanji: names.familyKanji || undefined,
            givenNameKanji: names.givenKanji || undefined,
            familyNameKana: names.familyKana,
            givenNameKana: names.givenKana,
            familyNameLatin: names.familyLatin,
            givenNameLatin: names.givenLatin,
            country: "JP",
            postalCode: "100-0001",
            prefecture: "東京都",
            city: "千代田区",
            address1: `千代田${1 + (n % 9)}-${1 + (n % 20)}`,
            email,
            phoneType: "mobile",
            phone,
            smsConsent: random() < 0.5,
            feedbackConsent: random() < 0.3,
            birthDate: `${1965 + Math.floor(random() * 40)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
            howHeard: "web",
          }
        : null;
      // References are unique: the tail counts on from the run's random starting point instead of being drawn.
      let tail = "";
      for (let k = 0, v = (referenceStart + n) % 32 ** 6; k < 6; k++, v = Math.floor(v / 32)) tail = REFERENCE_ALPHABET[v % 32] + tail;
      const reference = `${String(createdAt.getUTCFullYear()).slice(2)}${String(createdAt.getUTCMonth() + 1).padStart(2, "0")}-${tail}`;
      const submittedAt = inWizard ? null : new Date(createdAt.getTime() + Math.floor(random() * 3 * 3600_000));
      const applicationId = randomUUID();
      // Everyone past the wizard took the assessment: a 0–100 score around the middle, a few integrity signals.
      if (!inWizard) {
        const completedAt = new Date(createdAt.getTime() + Math.floor(random() * 3600_000));
        const score = Math.max(0, Math.min(100, Math.round(55 + 18 * (random() + random() + random() - 1.5) * 1.4)));
        attempts.push({
          id: randomUUID(),
          candidateId: id,
          applicationId,
          bankId: "csa-ja",
          bankVersion: 1,
          state: "completed" as const,
          deviceHash: `invented-${run}-${n}`,
          startedAt: createdAt,
          completedAt,
          score: { situations: { score } },
          integrity: { pastes: random() < 0.02 ? 1 : 0, focusLosses: Math.floor(random() * random() * 6), fastAnswers: random() < 0.01 ? 2 : 0 },
        });
      }
      apps.push({
        id: applicationId,
        reference,
        candidateId: id,
        jobId: input.jobId,
        questionSetId: set.id,
        state,
        completedPages: PAGES_BEFORE_SUBMIT.slice(0, pagesDone),
        documentsStatus: pagesDone >= 1 ? (random() < 0.12 ? ("to_be_sent" as const) : ("uploaded" as const)) : null,
        personal,
        jobVersionId,
        submittedAt,
        withdrawnAt: state === "withdrawn" ? submittedAt : null,
        createdAt,
        updatedAt: submittedAt ?? createdAt,
      });
    }
    // An address or number an earlier run already holds skips that one person; the loop makes up the count.
    const kept = new Set((await db.insert(candidates).values(people).onConflictDoNothing().returning({ id: candidates.id })).map((c) => c.id));
    const theirs = apps.filter((a) => kept.has(a.candidateId));
    if (theirs.length > 0) await db.insert(applications).values(theirs);
    const taken = attempts.filter((a) => kept.has(a.candidateId));
    if (taken.length > 0) await db.insert(assessmentAttempts).values(taken);
    written += theirs.length;
    attempt += size;
  }
  // The planner must know the job now holds this many rows, or it keeps plans made for an empty table; the
  // embedded database has no autovacuum to notice by itself.
  await db.execute(sql`ANALYZE applications, candidates, assessment_attempts`);
  return written;
}
