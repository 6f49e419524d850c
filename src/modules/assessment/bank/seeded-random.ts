/**
 * A small seeded pseudo-random generator for presentation order: the same seed always gives the same
 * sequence, on every machine and every Node version, so an attempt's item and option order can be
 * rebuilt from its seed at any time (on resume, in a review, in a test).
 *
 * - `hashText` is 32-bit FNV-1a over the UTF-16 code units of a text: it turns an attempt seed plus a
 *   scope ("part-1", an item id) into an independent starting state, so each part and each item gets
 *   its own order from one attempt seed.
 * - `xorshift32` is Marsaglia's three-shift generator (shifts 13, 17, 5): period 2³² − 1 over the
 *   non-zero 32-bit states. A zero state would stay zero, so it is replaced by a fixed odd constant.
 * - `shuffled` is a Fisher–Yates shuffle drawing from that generator.
 *
 * This is for fair, reproducible ordering only: it is not cryptographic and must never decide anything
 * an attacker could profit from predicting.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Any non-zero state will do; this one has bits set across the word. */
const NON_ZERO_STATE = 0x6d2b79f5;

/** 32-bit FNV-1a hash of a text, as an unsigned integer. */
export function hashText(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/** A generator of numbers in [0, 1) from a 32-bit state, advanced by xorshift32. */
export function xorshift32(seed: number): () => number {
  let state = seed >>> 0 || NON_ZERO_STATE;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

/** The generator for one scope of one seed: `seed` 42, scope "part-1" and scope "part-2" never share a sequence. */
export function randomFor(seed: number, scope: string): () => number {
  const next = xorshift32(hashText(`${seed >>> 0}/${scope}`));
  // The first outputs of a freshly hashed state are still close to the hash; a few steps spread them.
  for (let i = 0; i < 4; i += 1) next();
  return next;
}

/** A shuffled copy of `list` (Fisher–Yates); the input is left as it was. */
export function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
