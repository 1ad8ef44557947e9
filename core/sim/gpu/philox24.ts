/**
 * The GPU simulator's random numbers: Philox2x24-12, a 24-bit-word variant of Philox2x32-10
 * (Salmon et al., SC'11, "Parallel random numbers: as easy as 1, 2, 3"), built only from float
 * operations that are exact in float32, then Box–Muller to normals.
 *
 * Why not the real Philox: gpu.js 2.24.1 transpiles JavaScript to GLSL with every number a float;
 * its bitwise operators (`^`, `>>>`, `&`) become emulation loops over signed `int`
 * (src/backend/web-gl2/fragment-shader.js `bitwiseXOR` etc.) that walk 32 iterations each and give
 * wrong answers for negative operands, and 32×32-bit products do not fit a float. Its built-in
 * `Math.random` has about 10 bits (vscode-anchors.md §4). So the words here are 24-bit integers
 * held in floats, split in 12-bit limbs for products: every product of limbs is below 2^24 and
 * every sum stays below 2^24, so float32 (the GPU), float64 (plain JavaScript) and f32 WebAssembly
 * compute the same bits. Philox's XOR becomes an addition mod 2^24 plus 7- and 13-bit rotations (see
 * `philox24Pair`); the round stays a bijection of the counter (M is odd, rotations and additions
 * invert).
 *
 * The functions below are written in the subset of JavaScript that gpu.js transpiles (no bit
 * operations, no arrays, one return value) because the kernels call them (as `this.mulHi24(…)`,
 * registered by `PHILOX24_HELPERS`); `philox24Pair` and `boxMuller` are the plain-TypeScript
 * mirror the tests compare the GPU against, bit for bit.
 */
import { namedFunction } from './gpu-kernel';

/**
 * 2^24. The functions that kernels call spell 2^-12 = 0.000244140625 and 2^24 as literals, since
 * gpu.js cannot see module constants; multiplying by a power of two is exact in float32.
 */
const TWO_24 = 16777216;

/** Philox2x32's multiplier and Weyl key increment cut to 24 bits (both odd); 12 rounds (see `philox24Pair`). */
export const PHILOX24_M = 0xd2511f;
export const PHILOX24_W = 0x9e3779;
export const PHILOX24_ROUNDS = 12;

/** High 24 bits of the 48-bit product of two 24-bit integers, exactly, in 12-bit limbs. */
export function mulHi24(a: number, b: number): number {
  const a1 = Math.floor(a * 0.000244140625);
  const a0 = a - a1 * 4096;
  const b1 = Math.floor(b * 0.000244140625);
  const b0 = b - b1 * 4096;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p01h = Math.floor(p01 * 0.000244140625);
  const p10h = Math.floor(p10 * 0.000244140625);
  const carry0 = Math.floor(a0 * b0 * 0.000244140625);
  const middle = carry0 + (p01 - p01h * 4096) + (p10 - p10h * 4096);
  return a1 * b1 + p01h + p10h + Math.floor(middle * 0.000244140625);
}

/** Low 24 bits of the product of two 24-bit integers, exactly. */
export function mulLo24(a: number, b: number): number {
  const a1 = Math.floor(a * 0.000244140625);
  const a0 = a - a1 * 4096;
  const b1 = Math.floor(b * 0.000244140625);
  const b0 = b - b1 * 4096;
  const p00 = a0 * b0;
  const carry0 = Math.floor(p00 * 0.000244140625);
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  let middle = carry0 + (p01 - Math.floor(p01 * 0.000244140625) * 4096) + (
    p10 - Math.floor(p10 * 0.000244140625) * 4096);
  middle = middle - Math.floor(middle * 0.000244140625) * 4096;
  return middle * 4096 + (p00 - carry0 * 4096);
}

/** (a + b) mod 2^24 for a, b in [0, 2^24), never forming the inexact sum a + b ≥ 2^24. */
export function addMod24(a: number, b: number): number {
  const complement = 16777216 - b;
  return a >= complement ? a - complement : a + b;
}

/** Rotates a 24-bit word left by 7 bits: splits it at bit 17 (2^-17 = 0.00000762939453125). */
export function rotate7(a: number): number {
  const high = Math.floor(a * 0.00000762939453125);
  return (a - high * 131072) * 128 + high;
}

/** Rotates a 24-bit word left by 13 bits: splits it at bit 11 (2^-11 = 0.00048828125). */
export function rotate13(a: number): number {
  const high = Math.floor(a * 0.00048828125);
  return (a - high * 2048) * 8192 + high;
}

/**
 * Philox2x24-12 of counter (c0, c1) under `key`, all 24-bit integers; returns both output words.
 * Round: (hi, lo) = M·x0; x0 ← rot7((hi + x1) mod 2^24) + k; x1 ← rot13(lo); k ← k + W.
 * Measured in TypeScript before choosing it (the tests keep the cheap parts of that check): with
 * Philox's XOR replaced by + alone the map is nearly linear over the integers (adjacent counters
 * correlated at r ≈ −0.05, single-bit input flips changing some output bits with probability 0.37
 * instead of 0.5, even after 10 rounds). With the rotations, 10 rounds pass the avalanche check
 * (every output bit flips with probability 0.5 within the check's sampling error) and show no
 * correlation between neighbouring coordinates, neighbouring steps, or the two normals of a pair
 * (z-scores within ±2.2 at 2·10⁶ draws for each of 4 keys), while 8 rounds do not (neighbouring
 * steps correlated at z = 3.4 to 4.5 for every key). Rotating both words by 12 was marginal at 10
 * rounds, hence 7 and 13. 12 rounds keep a margin of 4 over the failing count.
 * The kernels inline this loop (a gpu.js function returns one number); the tests check that
 * they match this mirror bit for bit.
 */
export function philox24Pair(c0: number, c1: number, key: number): [number, number] {
  let x0 = c0;
  let x1 = c1;
  let k = key;
  for (let round = 0; round < PHILOX24_ROUNDS; round++) {
    const hi = mulHi24(PHILOX24_M, x0);
    const lo = mulLo24(PHILOX24_M, x0);
    x0 = addMod24(rotate7(addMod24(hi, x1)), k);
    x1 = rotate13(lo);
    k = addMod24(k, PHILOX24_W);
  }
  return [x0, x1];
}

/**
 * Two independent N(0,1) from two 24-bit words (Box–Muller). u1 = (w0+1)/2^24 ∈ (0, 1] keeps the
 * log finite; the angle is centred on [−π, π), where GPU sin/cos are most accurate. The largest
 * magnitude is √(2·ln 2^24) ≈ 5.77: the tails beyond are cut, a 8·10⁻⁹ probability.
 */
export function boxMuller(w0: number, w1: number): [number, number] {
  const radius = Math.sqrt(-2 * Math.log((w0 + 1) / TWO_24));
  const angle = 6.283185307179586 * (w1 * (1 / TWO_24)) - Math.PI;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

/**
 * The normal the GPU simulator feeds coordinate `coordinate` (index over all replicas) at step
 * `step` (1-based): steps 2p+1 and 2p+2 share the Box–Muller pair of counter (coordinate, p).
 */
export function gpuNormal(coordinate: number, step: number, key: number): number {
  const pairIndex = Math.floor((step - 1) / 2);
  const [w0, w1] = philox24Pair(coordinate, pairIndex, key);
  const [z0, z1] = boxMuller(w0, w1);
  return (step - 1) % 2 === 0 ? z0 : z1;
}

/** Largest counter word: coordinates (all replicas together) and Box–Muller pairs must stay below it. */
export const PHILOX24_COUNTER_LIMIT = TWO_24;

/** Reduces a 32-bit seed to the 24-bit key (a multiplicative hash, so nearby seeds spread out). */
export function philox24Key(seed: number): number {
  const s = seed >>> 0;
  return philox24Pair(s % TWO_24, Math.floor(s / TWO_24), 0)[0];
}

/** The helpers as a kernel's `this` sees them. */
export interface Philox24Helpers {
  mulHi24: typeof mulHi24;
  mulLo24: typeof mulLo24;
  addMod24: typeof addMod24;
  rotate7: typeof rotate7;
  rotate13: typeof rotate13;
}

/** The helpers for a kernel's `functions` setting, under the names `Philox24Helpers` gives them. */
export const PHILOX24_HELPERS = [
  namedFunction('mulHi24', mulHi24),
  namedFunction('mulLo24', mulLo24),
  namedFunction('addMod24', addMod24),
  namedFunction('rotate7', rotate7),
  namedFunction('rotate13', rotate13),
];
