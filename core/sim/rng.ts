/**
 * Seeded random numbers for the simulators, reproducible from the seed alone whatever the chunking.
 *
 * Counter-based at the level of a block of NORMAL_BLOCK coordinates: the normals of block b at
 * step t of replica r are a pure function of (seed, stream, b, t, r). One Philox4x32-10 call
 * (Salmon et al., SC'11, "Parallel random numbers: as easy as 1, 2, 3"; the generator behind
 * cuRAND, JAX and numpy's Philox) on that counter gives the 128-bit state of a xoshiro128**
 * generator (Blackman & Vigna 2018), which then draws the block's normals by the ziggurat
 * method (Marsaglia & Tsang 2000, 256 layers). Calling Philox once per block instead of once per
 * normal is what makes the generator fast enough (see bench/sim.bench.ts); chunking over steps or
 * splitting coordinates between workers at block boundaries cannot change a single draw.
 */

/** Coordinates per Philox call; fixed, since changing it changes every draw. */
export const NORMAL_BLOCK = 1024;

/** Independent streams under one seed (the second Philox key word). */
export const STREAM = { gradient: 1, theta0: 2, surge: 3 } as const;

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const M0_LO = M0 & 0xffff;
const M0_HI = M0 >>> 16;
const M1_LO = M1 & 0xffff;
const M1_HI = M1 >>> 16;

/**
 * High 32 bits of a·M for a uint32 a and a constant M split in 16-bit halves: both partial
 * products stay below 2^48, so double arithmetic is exact.
 */
function mulhi(a: number, mLo: number, mHi: number): number {
  return ((a * mHi + Math.floor((a * mLo) / 65536)) / 65536) >>> 0;
}

/** Philox4x32-10 on counter (c0..c3) and key (k0, k1), written into `out` as four uint32. */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): void {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulhi(x0, M0_LO, M0_HI);
    const lo0 = Math.imul(x0, M0) >>> 0;
    const hi1 = mulhi(x2, M1_LO, M1_HI);
    const lo1 = Math.imul(x2, M1) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
    key0 = (key0 + W0) >>> 0;
    key1 = (key1 + W1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

// Ziggurat tables (Marsaglia & Tsang 2000, their 256-layer constants r and v), for a 23-bit
// magnitude: the low 9 bits of each uint32 give the layer (8 bits) and the sign (1 bit), so no bit
// serves twice (the dependence Doornik 2005 found in the original, which used the same bits for
// both). 256 layers instead of 128 halve the slow-path draws (1.5% instead of 2.8%).
const LAYERS = 256;
const ZIG_R = 3.6541528853610088;
const ZIG_V = 4.92867323399e-3;
const SCALE = 8388608; // 2^23
const KN = new Int32Array(LAYERS);
const WN = new Float64Array(LAYERS);
const FN = new Float64Array(LAYERS);
/** WN for layer (i & 255), negated when bit 8 of i is set. */
const SIGNED_WN = new Float64Array(2 * LAYERS);
(function buildTables(): void {
  let dn = ZIG_R;
  let tn = dn;
  const q = ZIG_V / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * SCALE);
  KN[1] = 0;
  WN[0] = q / SCALE;
  WN[LAYERS - 1] = dn / SCALE;
  FN[0] = 1;
  FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * SCALE);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / SCALE;
  }
  for (let i = 0; i < 2 * LAYERS; i++) SIGNED_WN[i] = i & LAYERS ? -WN[i & (LAYERS - 1)] : WN[i & (LAYERS - 1)];
})();

/**
 * One xoshiro128** step on the state held in `st` (four int32); returns the output as uint32.
 * The hot loop in `fillNormals` inlines the same step on local variables: object fields or
 * closures would box the state and cost 3× the throughput.
 */
export function xoshiroNext(st: Int32Array): number {
  const s1 = st[1];
  const x = Math.imul(s1, 5);
  const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
  const t = s1 << 9;
  st[2] ^= st[0];
  st[3] ^= s1;
  st[1] ^= st[2];
  st[0] ^= st[3];
  st[2] ^= t;
  st[3] = (st[3] << 11) | (st[3] >>> 21);
  return result;
}

/** Uniform in (0, 1) from 32 bits, never 0 (safe under log). */
function uniform(st: Int32Array): number {
  return (xoshiroNext(st) + 0.5) / 4294967296;
}

/**
 * The ziggurat's slow path after a fast-path miss on (layer, j): the tail beyond r (Marsaglia
 * 1964) for layer 0, else the wedge test, drawing again from `st` on rejection.
 */
function slowNormal(st: Int32Array, layer: number, j: number, negative: boolean): number {
  for (;;) {
    let x: number;
    if (layer === 0) {
      let y: number;
      do {
        x = -Math.log(uniform(st)) / ZIG_R;
        y = -Math.log(uniform(st));
      } while (y + y < x * x);
      x += ZIG_R;
      return negative ? -x : x;
    }
    x = j * WN[layer];
    if (FN[layer] + uniform(st) * (FN[layer - 1] - FN[layer]) < Math.exp(-0.5 * x * x)) return negative ? -x : x;
    const u = xoshiroNext(st);
    layer = u & 255;
    negative = (u & 256) !== 0;
    j = u >>> 9;
    if (j < KN[layer]) {
      x = j * WN[layer];
      return negative ? -x : x;
    }
  }
}

/**
 * Seeds `st` with the xoshiro128** state of block (seed, stream, block, step, replica); lane 0
 * feeds the ziggurat's fast path, lane 1 its rare slow path.
 */
export function seedBlock(
  st: Int32Array,
  seed: number,
  stream: number,
  block: number,
  step: number,
  replica: number,
  lane = 0,
): void {
  philox4x32(block, step, replica, lane, seed, stream, PHILOX_OUT);
  st[0] = PHILOX_OUT[0] | 0;
  st[1] = PHILOX_OUT[1] | 0;
  st[2] = PHILOX_OUT[2] | 0;
  // xoshiro's state must not be all zero (probability 2^-128, but cheap to rule out).
  st[3] = PHILOX_OUT[3] | (PHILOX_OUT[0] | PHILOX_OUT[1] | PHILOX_OUT[2] ? 0 : 1);
}
const PHILOX_OUT = new Uint32Array(4);
const STATE = new Int32Array(4);

/**
 * Writes N(0,1) draws for coordinates [start, start + count) of (seed, stream, step, replica)
 * into out[outOffset ..]. Coordinate i is always the (i mod NORMAL_BLOCK)-th normal of block
 * ⌊i/NORMAL_BLOCK⌋, so any split of the range gives the same numbers.
 */
export function fillNormals(
  out: Float64Array,
  outOffset: number,
  start: number,
  count: number,
  seed: number,
  stream: number,
  step: number,
  replica: number,
): void {
  const end = start + count;
  let i = start;
  while (i < end) {
    const block = Math.floor(i / NORMAL_BLOCK);
    const blockStart = block * NORMAL_BLOCK;
    const blockEnd = Math.min(end, blockStart + NORMAL_BLOCK);
    // A block entered mid-way is drawn whole into scratch (the draws before `i` are dropped).
    const direct = i === blockStart;
    const target = direct ? out : SCRATCH;
    const at = direct ? outOffset + i - start : 0;
    seedBlock(STATE, seed, stream, block, step, replica);
    const misses = zigguratFast(STATE, target, at, blockEnd - blockStart);
    // Fast-path misses (~1.5%) finish from a second stream of the same block, in order, so the
    // hot loop never calls out (a call there costs a third of its speed).
    if (misses > 0) finishMisses(target, at, misses, MISS_AT, MISS_U, seed, stream, block, step, replica);
    if (!direct) out.set(SCRATCH.subarray(i - blockStart, blockEnd - blockStart), outOffset + i - start);
    i = blockEnd;
  }
}
const SCRATCH = new Float64Array(NORMAL_BLOCK);
const MISS_AT = new Int32Array(NORMAL_BLOCK);
const MISS_U = new Int32Array(NORMAL_BLOCK);

/** The ziggurat's fast-path tables, for the WebAssembly copy of the fast loop (wasm-kernels.ts). */
export const ZIGGURAT = { kn: KN, signedWn: SIGNED_WN } as const;

/**
 * Completes a block whose fast loop left `misses` draws undone (their positions relative to `at`
 * in missAt, their words in missU), from the block's second stream, in order.
 */
export function finishMisses(
  out: Float64Array,
  at: number,
  misses: number,
  missAt: Int32Array,
  missU: Int32Array,
  seed: number,
  stream: number,
  block: number,
  step: number,
  replica: number,
): void {
  seedBlock(STATE, seed, stream, block, step, replica, 1);
  for (let k = 0; k < misses; k++) {
    const u = missU[k];
    out[at + missAt[k]] = slowNormal(STATE, u & 255, (u >> 9) & 0x7fffff, (u & 256) !== 0);
  }
}

/**
 * `count` (≤ NORMAL_BLOCK) ziggurat normals from the xoshiro128** state `st` into out[at ..],
 * leaving the fast-path misses' positions (relative to `at`) and words in MISS_AT/MISS_U.
 * Returns the number of misses.
 */
function zigguratFast(st: Int32Array, out: Float64Array, at: number, count: number): number {
  let s0 = st[0];
  let s1 = st[1];
  let s2 = st[2];
  let s3 = st[3];
  let misses = 0;
  for (let k = 0; k < count; k++) {
    const x5 = Math.imul(s1, 5);
    const u = Math.imul((x5 << 7) | (x5 >>> 25), 9);
    const t9 = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t9;
    s3 = (s3 << 11) | (s3 >>> 21);
    const j = (u >> 9) & 0x7fffff;
    if (j < KN[u & 255]) {
      // Sign from a table, not a branch: a 50/50 branch mispredicts half the time.
      out[at + k] = j * SIGNED_WN[u & 511];
    } else {
      MISS_AT[misses] = k;
      MISS_U[misses] = u;
      misses++;
    }
  }
  return misses;
}
