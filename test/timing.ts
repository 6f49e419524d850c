import { performance } from "node:perf_hooks";

/** The middle of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type TimingComparison = { rounds: number; knownMs: number; unknownMs: number; ratio: number };

/**
 * Times two kinds of request taken in turns (known, unknown, unknown, known, …), so that a slow spell on a
 * shared machine falls on both alike. `prepare` runs untimed before each pair. Reports both medians and the
 * median of the pairs' ratios, slower over faster, so 1 means alike whichever is slower.
 */
export async function compareTimings<T>(input: {
  rounds: number;
  warmUp: number;
  prepare: (round: number) => Promise<T>;
  known: (prepared: T) => Promise<unknown>;
  unknown: (prepared: T) => Promise<unknown>;
}): Promise<TimingComparison> {
  const known: number[] = [];
  const unknown: number[] = [];
  const timed = async (run: () => Promise<unknown>): Promise<number> => {
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  for (let round = 0; round < input.warmUp + input.rounds; round++) {
    const prepared = await input.prepare(round);
    const order = round % 2 === 0 ? (["known", "unknown"] as const) : (["unknown", "known"] as const);
    const times: Record<"known" | "unknown", number> = { known: 0, unknown: 0 };
    for (const kind of order) times[kind] = await timed(() => input[kind](prepared));
    if (round < input.warmUp) continue;
    known.push(times.known);
    unknown.push(times.unknown);
  }
  // Each round's pair ran back to back, so a slow spell that spans both cancels out of their ratio; the
  // median of those ratios is steadier than the ratio of the two medians when the machine's load drifts.
  const pairedRatio = Math.exp(median(known.map((k, i) => Math.log(k / unknown[i]!))));
  return { rounds: input.rounds, knownMs: median(known), unknownMs: median(unknown), ratio: Math.max(pairedRatio, 1 / pairedRatio) };
}

/**
 * How far apart a known and an unknown account may be (the median of paired ratios). Before the PIN reset
 * was made alike, measured this way, a known account took 1.9× as long at the identifier step and 2.6× at
 * the code step, because it did work the unknown one skipped (a write to the outbox, a query). With the same
 * work on both sides the ratio of 80 interleaved pairs stays within some 10–20 % even while other work
 * shares the machine's two cores (a run of 40 pairs once reached 1.51, hence 80); 1.5 leaves room for
 * that noise and still fails one skipped write, or a skipped argon2 (2×), and more. It does not prove that no
 * finer difference exists: a sub-millisecond gap would need thousands of samples to show, here and for an
 * attacker alike.
 */
export const TIMING_RATIO_BOUND = 1.5;

/**
 * How long a test of many timed pairs may run: each pair needs a fresh account and a few requests, and on
 * a machine whose speed swings 2–3× with load 80 pairs have taken over two minutes.
 */
export const TIMED_TEST_TIMEOUT_MS = 300_000;
