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
 * shared machine falls on both alike, and compares their medians. `prepare` runs untimed before each pair.
 * The ratio is slower over faster, so 1 means alike whichever is slower.
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
  const knownMs = median(known);
  const unknownMs = median(unknown);
  return { rounds: input.rounds, knownMs, unknownMs, ratio: Math.max(knownMs, unknownMs) / Math.min(knownMs, unknownMs) };
}

/**
 * How far apart the medians of a known and an unknown account may be. Before the PIN reset was made alike,
 * a known account took 3× as long (16 ms against 5 ms), because it did work the unknown one skipped. With
 * the same work on both sides the medians of 40 interleaved rounds stay within some 10–20 % even while
 * other work shares the machine's two cores; 1.5 leaves room for that noise and still fails a skipped query
 * plus a skipped write, or a skipped argon2, by a wide margin. It does not prove that no finer difference
 * exists: a sub-millisecond gap would need thousands of samples to show, here and for an attacker alike.
 */
export const TIMING_RATIO_BOUND = 1.5;
