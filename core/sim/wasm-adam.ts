/**
 * The Adam/AdamW update loop as a WebAssembly SIMD kernel (two float64 lanes per instruction).
 * The JS loop in elementwise.ts is bound by the divider (one √ and one ÷ per coordinate); f64x2
 * does two coordinates per instruction at about the same cost. Same operations in the same order
 * as the JS loop, so results are bit-identical (WebAssembly has no fused multiply-add here).
 *
 * The module is assembled from bytes below (no toolchain needed) and compiled once per thread;
 * where WebAssembly or its SIMD is unavailable (or a page's CSP forbids compiling it, as in a
 * VS Code webview without 'wasm-unsafe-eval') `createAdamKernel` returns null and the JS loop runs.
 */

/** Byte offsets into the kernel's memory of the arrays it reads and writes. */
export interface AdamPointers {
  theta: number;
  m: number;
  v: number;
  z: number;
}

export interface AdamKernel {
  memory: WebAssembly.Memory;
  /**
   * Updates `pairs` × 2 coordinates starting at the given pointers:
   * θ' = θ·keep − stepSize·m'/(√v'·invBc2Sqrt + ε), g = mean + std·z + l2·θ·keep.
   */
  run(p: AdamPointers, pairs: number, keep: number, b1: number, c1: number, b2: number, c2: number,
    invBc2Sqrt: number, eps: number, stepSize: number, mean: number, std: number, l2: number): void;
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

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// Instructions used by the kernel.
const SIMD = (op: number) => [0xfd, ...uleb(op)];
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const LOAD = [...SIMD(0x00), 0x03, 0x00]; // v128.load align=8 offset=0
const STORE = [...SIMD(0x0b), 0x03, 0x00]; // v128.store
const SPLAT = SIMD(0x14); // f64x2.splat
const SQRT = SIMD(0xef);
const ADD = SIMD(0xf0);
const SUB = SIMD(0xf1);
const MUL = SIMD(0xf2);
const DIV = SIMD(0xf3);
const I32_ADD = [0x6a];

// Parameters: 0..3 pointers, 4 pairs (i32); 5..15 the f64 scalars in `run`'s order.
const P = { theta: 0, m: 1, v: 2, z: 3, pairs: 4 } as const;
const SCALARS = ['keep', 'b1', 'c1', 'b2', 'c2', 'inv', 'eps', 'step', 'mean', 'std', 'l2'] as const;
const param = (s: (typeof SCALARS)[number]) => 5 + SCALARS.indexOf(s);
// Locals: 16 offset (i32), 17 end (i32), 18.. splatted scalars (v128), then th, g, mi (v128).
const OFF = 16;
const END = 17;
const splat = (s: (typeof SCALARS)[number]) => 18 + SCALARS.indexOf(s);
const TH = 18 + SCALARS.length;
const G = TH + 1;
const MI = TH + 2;

function body(): number[] {
  const at = (p: number) => [...get(p), ...get(OFF), ...I32_ADD];
  const code = [
    // end = pairs·16 bytes; splat every scalar once.
    ...get(P.pairs), 0x41, 4, 0x74, ...set(END), // i32.const 4; i32.shl
    ...SCALARS.flatMap((s) => [...get(param(s)), ...SPLAT, ...set(splat(s))]),
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...get(OFF), ...get(END), 0x4f, 0x0d, 1, // i32.ge_u; br_if 1
    // th = θ·keep
    ...at(P.theta), ...LOAD, ...get(splat('keep')), ...MUL, ...set(TH),
    // g = (mean + std·z) + l2·th
    ...get(splat('mean')), ...get(splat('std')), ...at(P.z), ...LOAD, ...MUL, ...ADD,
    ...get(splat('l2')), ...get(TH), ...MUL, ...ADD, ...set(G),
    // m' = m·b1 + c1·g
    ...at(P.m),
    ...at(P.m), ...LOAD, ...get(splat('b1')), ...MUL, ...get(splat('c1')), ...get(G), ...MUL, ...ADD, ...tee(MI),
    ...STORE,
    // v' = v·b2 + (c2·g)·g, stored; θ' = th − step·(m'/(√v'·inv + ε))
    ...at(P.theta),
    ...get(TH), ...get(splat('step')), ...get(MI),
    ...at(P.v),
    ...at(P.v), ...LOAD, ...get(splat('b2')), ...MUL, ...get(splat('c2')), ...get(G), ...MUL, ...get(G), ...MUL, ...ADD,
    ...tee(G), // reuse G's slot for v'
    ...STORE,
    ...get(G), ...SQRT, ...get(splat('inv')), ...MUL, ...get(splat('eps')), ...ADD, ...DIV, ...MUL, ...SUB,
    ...STORE,
    ...get(OFF), 0x41, 16, ...I32_ADD, ...set(OFF), // off += 16
    0x0c, 0, // br 0 (loop)
    0x0b, 0x0b, // end loop, end block
    0x0b, // end function
  ];
  const locals = [[...uleb(2), I32], [...uleb(SCALARS.length + 3), V128]];
  const fn = [...vec(locals), ...code];
  return [...uleb(fn.length), ...fn];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const params = [I32, I32, I32, I32, I32, ...SCALARS.map(() => F64)];
  const type = [0x60, ...uleb(params.length), ...params, 0];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])), // memory, min 1 page
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('adam'), 0x00, 0]])),
    ...section(10, vec([body()])),
  ];
  return new Uint8Array(bytes);
}

type AdamExport = (...args: number[]) => void;

/** A kernel over a memory of `bytes` bytes (rounded up to 64 KiB pages), or null where WASM SIMD cannot run. */
export function createAdamKernel(bytes: number): AdamKernel | null {
  if (typeof WebAssembly === 'undefined') return null;
  try {
    const code = moduleBytes();
    if (!WebAssembly.validate(code)) return null;
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(code), { env: { memory } });
    const adam = instance.exports.adam as AdamExport;
    return {
      memory,
      run: (p, pairs, ...scalars) => adam(p.theta, p.m, p.v, p.z, pairs, ...scalars),
    };
  } catch {
    return null;
  }
}
