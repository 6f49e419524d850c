/**
 * Generates the item bank's audio from each clip's kana reading with espeak-ng (Japanese voice) and sox.
 *
 *   npx tsx scripts/content-audio.ts [bank dir]      (default content/assessments/csa-ja)
 *
 * The output is committed, so a fresh machine needs neither tool. Both tools are deterministic, so
 * running this again without content changes rewrites identical files.
 *
 * Format: MP3, mono, 22.05 kHz, 32 kbit/s constant bitrate. MP3 plays in every browser candidates use
 * (Chromium, Safari on iPhone, Firefox), and speech stays clear at this rate while a clip costs about
 * 4 KB per second. The audio-check clip is fitted to 3 seconds, as the check page promises (00:03).
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { measureAudioDuration } from "../src/modules/assessment/bank/audio-duration.ts";
import { listMedia } from "../src/modules/assessment/bank/check-item-bank-references.ts";
import { ItemBankError } from "../src/modules/assessment/bank/item-bank-error.ts";
import { loadItemBank } from "../src/modules/assessment/bank/load-item-bank.ts";

const run = promisify(execFile);

const DEFAULT_DIR = "content/assessments/csa-ja";
const AUDIO_CHECK_SECONDS = 3;
const TOTAL_BUDGET_BYTES = 1.5 * 1024 * 1024;
/** Words per minute: a little slower than espeak's default, closer to a customer on the phone. */
const SPEED = 150;
/** Voice variants, so the customers do not all sound alike; taken in turn, in the bank's order. */
const VARIANTS = ["ja+f3", "ja+m3", "ja+f2", "ja+m1", "ja+f4", "ja+m2"];
/** Silence around speech, in seconds, so playback does not start or stop mid-word. */
const LEAD_IN = 0.25;
const TAIL = 0.35;
// Encoder delay adds a few frames; aiming just under the target lands the file on it.
const ENCODER_SLACK = 0.05;

async function main(): Promise<void> {
  const dir = process.argv[2] ?? DEFAULT_DIR;
  await requireTool("espeak-ng", ["--version"]);
  await requireTool("sox", ["--version"]);

  const bank = await loadItemBank(dir, { skipAudioCheck: true });
  const audioCheckSrc = bank.pages.audioCheck.media.src;
  const clips = new Map<string, { reading: string | undefined; label: string }>();
  for (const { media, path } of listMedia(bank)) {
    if (!clips.has(media.src)) clips.set(media.src, { reading: media.reading, label: path.join(".") });
  }

  await mkdir(join(dir, "audio"), { recursive: true });
  const work = await mkdtemp(join(tmpdir(), "content-audio-"));
  const rows: { src: string; seconds: number; bytes: number; voice: string }[] = [];
  try {
    for (const [src, clip] of clips) {
      if (!src.endsWith(".mp3")) throw new Error(`${src}: this script writes MP3; rename the file in the bank to .mp3`);
      const target = join(dir, src);
      if (!clip.reading) {
        // A real recording has no reading to synthesise; keep it as it is.
        await stat(target).catch(() => {
          throw new Error(`${clip.label}: no kana reading to synthesise and no recording at ${target}`);
        });
        continue;
      }
      const voice = VARIANTS[rows.length % VARIANTS.length] ?? "ja";
      const speech = join(work, "speech.wav");
      await run("espeak-ng", ["-v", voice, "-s", String(SPEED), "-w", speech, clip.reading]);
      const spoken = await soxDuration(speech);
      const effects = src === audioCheckSrc ? fitTo(spoken, AUDIO_CHECK_SECONDS - ENCODER_SLACK) : ["pad", String(LEAD_IN), String(TAIL)];
      await run("sox", [speech, "-r", "22050", "-c", "1", "-C", "32", target, "norm", "-3", ...effects]);
      rows.push({ src, seconds: await soxDuration(target), bytes: (await stat(target)).size, voice });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  const problems: string[] = [];
  for (const row of rows) {
    const measured = measureAudioDuration(await readFile(join(dir, row.src)));
    if (measured === null || Math.abs(measured - row.seconds) > 0.1) {
      problems.push(`${row.src}: sox says ${row.seconds.toFixed(2)} s but the file header gives ${measured ?? "nothing"}`);
    }
  }
  const check = rows.find((r) => r.src === audioCheckSrc);
  if (check && (check.seconds < 2.5 || check.seconds > 3.5)) problems.push(`${audioCheckSrc} is ${check.seconds.toFixed(2)} s, not about 3 s`);

  const referenced = new Set([...clips.keys()].map((src) => src.replace(/^audio\//, "")));
  const onDisk = await readdir(join(dir, "audio")).catch(() => [] as string[]);
  const stray = onDisk.filter((f) => !referenced.has(f));
  let total = 0;
  for (const file of onDisk.filter((f) => referenced.has(f))) total += (await stat(join(dir, "audio", file))).size;
  if (total > TOTAL_BUDGET_BYTES) problems.push(`audio totals ${kilobytes(total)}, over the ${kilobytes(TOTAL_BUDGET_BYTES)} budget`);

  for (const row of rows) console.log(`${row.src.padEnd(36)} ${row.seconds.toFixed(2).padStart(6)} s ${kilobytes(row.bytes).padStart(9)}  ${row.voice}`);
  console.log(`${rows.length} clips written; audio in the bank totals ${kilobytes(total)} (MP3, mono, 22.05 kHz, 32 kbit/s)`);
  if (stray.length > 0) console.log(`not used by the bank (left in place): ${stray.join(", ")}`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`problem: ${p}`);
    process.exitCode = 1;
  }
}

/** Pads with silence, or speeds up without changing pitch, so the clip lasts `seconds`. */
function fitTo(spoken: number, seconds: number): string[] {
  if (spoken <= seconds) {
    const spare = seconds - spoken;
    return ["pad", (spare * 0.4).toFixed(3), (spare * 0.6).toFixed(3)];
  }
  return ["tempo", "-s", (spoken / seconds).toFixed(4)];
}

async function soxDuration(file: string): Promise<number> {
  const { stdout } = await run("soxi", ["-D", file]);
  return Number(stdout.trim());
}

async function requireTool(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args);
  } catch {
    throw new Error(`${command} is needed to generate audio (Debian: apt-get install espeak-ng sox libsox-fmt-mp3)`);
  }
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

main().catch((error: unknown) => {
  console.error(error instanceof ItemBankError ? error.message : error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
