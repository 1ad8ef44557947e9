/**
 * The CPU simulator's two hot loops as WebAssembly, over one memory:
 * - `normals`: the ziggurat fast path of core/sim/rng.ts (same xoshiro128** stream, same tables,
 *   same misses left for the JS slow path), without JS's bounds checks;
 * - `adam`: the Adam/AdamW update on two float64 lanes per instruction (f64x2): the JS loop is
 *   bound by the divider (one √ and one ÷ per coordinate), f64x2 does two at about the same cost.
 * Same operations in the same order as the JS code, so results are bit-identical (WebAssembly has
 * no fused multiply-add here). The module is assembled from bytes below (no toolchain needed);
 * where WebAssembly or its SIMD is unavailable, or a page's CSP forbids compiling it (a VS Code
 * webview without 'wasm-unsafe-eval'), `createSimKernels` returns null and the JS loops run.
 */
import { fillNormals, finishMisses, NORMAL_BLOCK, seedBlock, ZIGGURAT } from './rng';

/** Byte offsets into the kernels' memory of the arrays the Adam loop reads and writes. */
export interface AdamPointers {
  theta: number;
  m: number;
  v: number;
  z: number;
}

export interface SimKernels {
  memory: WebAssembly.Memory;
  /** First byte callers may use; below it: tables, xoshiro state, miss lists. */
  heap: number;
  /**
   * Updates `pairs` × 2 coordinates at the given pointers:
   * θ' = θ·keep − stepSize·m'/(√v'·invBc2Sqrt + ε), g = mean + std·z + l2·θ·keep.
   */
  adam(p: AdamPointers, pairs: number, keep: number, b1: number, c1: number, b2: number, c2: number,
    invBc2Sqrt: number, eps: number, stepSize: number, mean: number, std: number, l2: number): void;
  /**
   * `count` ziggurat fast-path normals into out (a byte offset) from the xoshiro128** state in
   * `state`, which advances; returns the misses, left in `missAt`/`missU` (rng.ts finishMisses).
   */
  normals(state: Int32Array, out: number, count: number): number;
  missAt: Int32Array;
  missU: Int32Array;
}

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32c = (n: number) => [0x41, ...sleb(n)];
const SIMD = (op: number) => [0xfd, ...uleb(op)];
const [I32_ADD, I32_MUL, I32_AND, I32_XOR, I32_SHL, I32_SHR_U, I32_ROTL] =
  [[0x6a], [0x6c], [0x71], [0x73], [0x74], [0x76], [0x77]];
const I32_LOAD = (offset: number) => [0x28, 2, ...uleb(offset)];
const I32_STORE = (offset: number) => [0x36, 2, ...uleb(offset)];
const [V_LOAD, V_STORE] = [[...SIMD(0x00), 3, 0], [...SIMD(0x0b), 3, 0]];
const [SPLAT, SQRT, ADD, SUB, MUL, DIV] =
  [0x14, 0xef, 0xf0, 0xf1, 0xf2, 0xf3].map(SIMD) as [number[], number[], number[], number[], number[], number[]];
const body = (locals: number[][], code: number[]) => {
  const fn = [...vec(locals), ...code, 0x0b];
  return [...uleb(fn.length), ...fn];
};
/** block; loop; exit when `k ≥ end` … body … ; br loop; end; end */
const loop = (k: number, end: number, inner: number[]) =>
  [0x02, 0x40, 0x03, 0x40, ...get(k), ...get(end), 0x4f, 0x0d, 1, ...inner, 0x0c, 0, 0x0b, 0x0b];

// adam(θ, m, v, z, pairs: i32, keep … l2: f64) — locals: 16 off, 17 end, 18.. splats, then th, g, mi.
const SCALARS = ['keep', 'b1', 'c1', 'b2', 'c2', 'inv', 'eps', 'step', 'mean', 'std', 'l2'] as const;
type Scalar = (typeof SCALARS)[number];

function adamBody(): number[] {
  const param = (s: Scalar) => 5 + SCALARS.indexOf(s);
  const [OFF, END] = [16, 17];
  const splat = (s: Scalar) => 18 + SCALARS.indexOf(s);
  const [TH, G, MI] = [18 + SCALARS.length, 19 + SCALARS.length, 20 + SCALARS.length];
  const at = (p: number) => [...get(p), ...get(OFF), ...I32_ADD];
  const inner = [
    ...at(0), ...V_LOAD, ...get(splat('keep')), ...MUL, ...set(TH), // th = θ·keep
    ...get(splat('mean')), ...get(splat('std')), ...at(3), ...V_LOAD, ...MUL, ...ADD, // (mean + std·z)
    ...get(splat('l2')), ...get(TH), ...MUL, ...ADD, ...set(G), //   + l2·th
    ...at(1), ...at(1), ...V_LOAD, ...get(splat('b1')), ...MUL, ...get(splat('c1')), ...get(G), ...MUL, ...ADD,
    ...tee(MI), ...V_STORE, // m' = m·b1 + c1·g
    ...at(0), ...get(TH), ...get(splat('step')), ...get(MI), // θ' = th − step·(m'/(√v'·inv + ε)) …
    ...at(2), ...at(2), ...V_LOAD, ...get(splat('b2')), ...MUL, ...get(splat('c2')), ...get(G), ...MUL, ...get(G), ...MUL,
    ...ADD, ...tee(G), ...V_STORE, // … with v' = v·b2 + (c2·g)·g stored on the way (G now holds v')
    ...get(G), ...SQRT, ...get(splat('inv')), ...MUL, ...get(splat('eps')), ...ADD, ...DIV, ...MUL, ...SUB, ...V_STORE,
    ...get(OFF), ...i32c(16), ...I32_ADD, ...set(OFF),
  ];
  const code = [
    ...get(4), ...i32c(4), ...I32_SHL, ...set(END),
    ...SCALARS.flatMap((s) => [...get(param(s)), ...SPLAT, ...set(splat(s))]),
    ...loop(OFF, END, inner),
  ];
  return body([[...uleb(2), I32], [...uleb(SCALARS.length + 3), V128]], code);
}

// normals(st, out, count, kn, sw, missAt, missU) → misses — locals: 7 s0 … 10 s3, 11 k, 12 u, 13 x, 14 j, 15 misses.
function normalsBody(): number[] {
  const [ST, OUT, COUNT, KN, SW, MISS_AT, MISS_U] = [0, 1, 2, 3, 4, 5, 6];
  const [S0, S1, S2, S3, K, U, X, J, MISSES] = [7, 8, 9, 10, 11, 12, 13, 14, 15];
  const xorInto = (a: number, b: number) => [...get(a), ...get(b), ...I32_XOR, ...set(a)];
  const inner = [
    // u = rotl(s1·5, 7)·9
    ...get(S1), ...i32c(5), ...I32_MUL, ...i32c(7), ...I32_ROTL, ...i32c(9), ...I32_MUL, ...set(U),
    ...get(S1), ...i32c(9), ...I32_SHL, ...set(X),
    ...xorInto(S2, S0), ...xorInto(S3, S1), ...xorInto(S1, S2), ...xorInto(S0, S3), ...xorInto(S2, X),
    ...get(S3), ...i32c(11), ...I32_ROTL, ...set(S3),
    ...get(U), ...i32c(9), ...I32_SHR_U, ...set(J), // j = u >>> 9 (23 bits)
    ...get(J), ...get(KN), ...get(U), ...i32c(255), ...I32_AND, ...i32c(2), ...I32_SHL, ...I32_ADD, ...I32_LOAD(0),
    0x48, 0x04, 0x40, // i32.lt_s; if
    ...get(OUT), ...get(K), ...i32c(3), ...I32_SHL, ...I32_ADD,
    ...get(J), 0xb7, // f64.convert_i32_s
    ...get(SW), ...get(U), ...i32c(511), ...I32_AND, ...i32c(3), ...I32_SHL, ...I32_ADD, 0x2b, 3, 0, // f64.load
    0xa2, 0x39, 3, 0, // f64.mul; f64.store
    0x05, // else: record the miss
    ...get(MISS_AT), ...get(MISSES), ...i32c(2), ...I32_SHL, ...I32_ADD, ...get(K), ...I32_STORE(0),
    ...get(MISS_U), ...get(MISSES), ...i32c(2), ...I32_SHL, ...I32_ADD, ...get(U), ...I32_STORE(0),
    ...get(MISSES), ...i32c(1), ...I32_ADD, ...set(MISSES),
    0x0b, // end if
    ...get(K), ...i32c(1), ...I32_ADD, ...set(K),
  ];
  const code = [
    ...[S0, S1, S2, S3].flatMap((s, i) => [...get(ST), ...I32_LOAD(4 * i), ...set(s)]),
    ...loop(K, COUNT, inner),
    ...[S0, S1, S2, S3].flatMap((s, i) => [...get(ST), ...get(s), ...I32_STORE(4 * i)]),
    ...get(MISSES),
  ];
  return body([[...uleb(9), I32]], code);
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const adamParams = [I32, I32, I32, I32, I32, ...SCALARS.map(() => F64)];
  const types = [
    [0x60, ...vec(adamParams.map((t) => [t])), 0],
    [0x60, ...vec(Array.from({ length: 7 }, () => [I32])), 1, I32],
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0], [1]])),
    ...section(7, vec([[...name('adam'), 0x00, 0], [...name('normals'), 0x00, 1]])),
    ...section(10, vec([adamBody(), normalsBody()])),
  ]);
}

// Memory layout below `heap`: ziggurat tables, the xoshiro state, the two miss lists.
const KN_AT = 0;
const SW_AT = KN_AT + 4 * ZIGGURAT.kn.length;
const ST_AT = SW_AT + 8 * ZIGGURAT.signedWn.length;
const MISS_AT_AT = ST_AT + 16;
const MISS_U_AT = MISS_AT_AT + 4 * NORMAL_BLOCK;
const HEAP = Math.ceil((MISS_U_AT + 4 * NORMAL_BLOCK) / 64) * 64;

type Export = (...args: number[]) => number;

/** Kernels over a memory with `bytes` bytes above the heap start, or null where WASM SIMD cannot run. */
export function createSimKernels(bytes: number): SimKernels | null {
  if (typeof WebAssembly === 'undefined') return null;
  try {
    const code = moduleBytes();
    if (!WebAssembly.validate(code)) return null;
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((HEAP + bytes) / 65536)) });
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(code), { env: { memory } });
    const adam = exports.adam as Export;
    const normals = exports.normals as Export;
    new Int32Array(memory.buffer, KN_AT, ZIGGURAT.kn.length).set(ZIGGURAT.kn);
    new Float64Array(memory.buffer, SW_AT, ZIGGURAT.signedWn.length).set(ZIGGURAT.signedWn);
    const state = new Int32Array(memory.buffer, ST_AT, 4);
    return {
      memory,
      heap: HEAP,
      adam: (p, pairs, ...scalars) => void adam(p.theta, p.m, p.v, p.z, pairs, ...scalars),
      normals(st, out, count) {
        state.set(st);
        const misses = normals(ST_AT, out, count, KN_AT, SW_AT, MISS_AT_AT, MISS_U_AT);
        st.set(state);
        return misses;
      },
      missAt: new Int32Array(memory.buffer, MISS_AT_AT, NORMAL_BLOCK),
      missU: new Int32Array(memory.buffer, MISS_U_AT, NORMAL_BLOCK),
    };
  } catch {
    return null;
  }
}

const SEED_STATE = new Int32Array(4);

/**
 * `fillNormals` (rng.ts) with the fast loop in WebAssembly: the same numbers. `out` is a view of
 * `k.memory` starting at byte `outByte`; a block entered mid-way is left to the JS path.
 */
export function fillNormalsWasm(
  k: SimKernels,
  out: Float64Array,
  outByte: number,
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
    if (i !== blockStart) {
      fillNormals(out, i - start, i, blockEnd - i, seed, stream, step, replica);
    } else {
      seedBlock(SEED_STATE, seed, stream, block, step, replica);
      const misses = k.normals(SEED_STATE, outByte + 8 * (i - start), blockEnd - i);
      if (misses > 0) finishMisses(out, i - start, misses, k.missAt, k.missU, seed, stream, block, step, replica);
    }
    i = blockEnd;
  }
}
