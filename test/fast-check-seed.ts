import fc from "fast-check";

/**
 * Property tests explore new random inputs on every run by default. FC_SEED pins the inputs to one
 * seed, so a CI run is reproducible and a failure seen there can be replayed exactly.
 */
const seed = process.env.FC_SEED;
if (seed && /^-?\d+$/.test(seed)) fc.configureGlobal({ seed: Number(seed) });
