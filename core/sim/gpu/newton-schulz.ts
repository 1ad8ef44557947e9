/**
 * Muon's Newton–Schulz iteration (core/sim/muon.ts `newtonSchulz`, torch.optim.Muon) as gpu.js
 * kernels over a batch of matrices: X is r×c with r ≤ c (the update, transposed when m > n),
 * normalised by its Frobenius norm; five times, G = X·Xᵀ, P = b·G + c·G², X ← a·X + P·X.
 * One thread per output element (matrix q = thread.z, row thread.y, column thread.x): whole-matrix
 * products are three kernels per iteration, not one thread per coordinate.
 *
 * The kernels return one float per thread and read flat Float32Arrays, the form every gpu.js
 * backend accepts alike; the batch goes back through JavaScript between kernels (O(r·c) per
 * matrix, against O(r²·c) of arithmetic per kernel).
 */
import type { GPU, IKernelRunShortcut } from 'gpu.js';
import { NEWTON_SCHULZ } from '../../theory/muon';
import { createKernel, type KernelSettings, type KernelThis } from './gpu-kernel';

interface NsConstants {
  [name: string]: number;
  rows: number;
  cols: number;
  a: number;
  b: number;
  c: number;
}

/** G[q] = X[q]·X[q]ᵀ (r×r). */
function gramKernel(this: KernelThis<NsConstants>, x: Float32Array): number {
  const base = this.thread.z * this.constants.rows * this.constants.cols;
  const rowI = base + this.thread.y * this.constants.cols;
  const rowJ = base + this.thread.x * this.constants.cols;
  let sum = 0.0;
  for (let k = 0; k < this.constants.cols; k++) {
    sum = sum + x[rowI + k] * x[rowJ + k];
  }
  return sum;
}

/** P[q] = b·G[q] + c·G[q]² (torch.addmm(G, G, G, beta=b, alpha=c)). */
function polyKernel(this: KernelThis<NsConstants>, gram: Float32Array): number {
  const base = this.thread.z * this.constants.rows * this.constants.rows;
  const rowI = base + this.thread.y * this.constants.rows;
  let sum = 0.0;
  for (let k = 0; k < this.constants.rows; k++) {
    sum = sum + gram[rowI + k] * gram[base + k * this.constants.rows + this.thread.x];
  }
  return this.constants.b * gram[rowI + this.thread.x] + this.constants.c * sum;
}

/** X'[q] = a·X[q] + P[q]·X[q] (torch.addmm(X, P, X, beta=a)). */
function nextKernel(this: KernelThis<NsConstants>, poly: Float32Array, x: Float32Array): number {
  const polyRow = this.thread.z * this.constants.rows * this.constants.rows + this.thread.y * this.constants.rows;
  const base = this.thread.z * this.constants.rows * this.constants.cols;
  let sum = 0.0;
  for (let k = 0; k < this.constants.rows; k++) {
    sum = sum + poly[polyRow + k] * x[base + k * this.constants.cols + this.thread.x];
  }
  return this.constants.a * x[base + this.thread.y * this.constants.cols + this.thread.x] + sum;
}

/** Flattens a 3D kernel output (matrices × rows × columns) into `into`. */
function flatten(output: unknown, into: Float32Array): Float32Array {
  if (!Array.isArray(output)) throw new Error('gpu.js returned no matrix batch');
  let offset = 0;
  for (const matrix of output as ArrayLike<number>[][]) {
    for (const row of matrix) {
      into.set(row, offset);
      offset += row.length;
    }
  }
  return into;
}

export interface NewtonSchulzBatch {
  /** Orthogonalises `x` (matrices × r × c, each already divided by its Frobenius norm) in place. */
  run(x: Float32Array): void;
  dispose(): void;
}

/** Kernels for `matrices` matrices of r×c (r ≤ c). */
export function createNewtonSchulz(gpu: GPU, matrices: number, rows: number, cols: number): NewtonSchulzBatch {
  const { a, b, c } = NEWTON_SCHULZ;
  const constants: NsConstants = { rows, cols, a, b, c };
  const settings = (output: number[]): KernelSettings => ({
    output,
    precision: 'single',
    tactic: 'precision',
    constants,
    // The loops' bounds are constants (gpu.js then loops to them exactly); set anyway, above both.
    loopMaxIterations: Math.max(rows, cols) + 1,
  });
  const kernels: IKernelRunShortcut[] = [
    createKernel(gpu, gramKernel, settings([rows, rows, matrices])),
    createKernel(gpu, polyKernel, settings([rows, rows, matrices])),
    createKernel(gpu, nextKernel, settings([cols, rows, matrices])),
  ];
  const [gram, poly, next] = kernels as [IKernelRunShortcut, IKernelRunShortcut, IKernelRunShortcut];
  const g = new Float32Array(matrices * rows * rows);
  const p = new Float32Array(matrices * rows * rows);
  return {
    run(x: Float32Array): void {
      for (let step = 0; step < NEWTON_SCHULZ.steps; step++) {
        flatten(gram(x), g);
        flatten(poly(g), p);
        flatten(next(p, x), x);
      }
    },
    dispose() {
      for (const k of kernels) k.destroy();
    },
  };
}
