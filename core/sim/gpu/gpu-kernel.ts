/**
 * Building gpu.js kernels so that they survive bundlers and minifiers.
 *
 * gpu.js transpiles a kernel from its source text (`fn.toString()`), so whatever esbuild does to
 * that text reaches the GLSL. Local names are safe (gpu.js rewrites `$` and `_` in variables), but
 * helper-function names are not: a minifier renames `rotate13` to `$`, which gpu.js writes into
 * GLSL as is ("'$' : invalid character", seen in the production-minified e2e bundle). So kernels
 * call helpers as `this.name(…)` (a property name, which minifiers keep; gpu.js resolves
 * `this.name()` calls to the function registered under `name`), and helpers are registered under
 * an explicit name here rather than the one in their (possibly renamed) source.
 */
import type { GPU, IConstantsThis, IGPUKernelSettings, IKernelFunctionThis, IKernelRunShortcut, KernelFunction, ThreadKernelVariable } from 'gpu.js';

/** A helper as gpu.js's Kernel.addFunction takes it (src/backend/kernel.js): all four fields present. */
export interface NamedGpuFunction {
  name: string;
  source: string;
  argumentTypes: string[];
  returnType: string;
}

/** Registers `fn` under `name`; arguments and result are floats (gpu.js's 'Number'). */
export function namedFunction(name: string, fn: (...args: number[]) => number): NamedGpuFunction {
  return { name, source: fn.toString(), argumentTypes: Array.from({ length: fn.length }, () => 'Number'), returnType: 'Number' };
}

/** Kernel settings with the fields gpu.js reads but its type declarations leave out. */
export type KernelSettings = Omit<IGPUKernelSettings, 'functions'> & {
  functions?: NamedGpuFunction[];
  returnType?: 'Number' | 'Array(4)';
  loopMaxIterations?: number;
};

/** What a kernel sees as `this`: gpu.js's thread and constants, plus the helpers it registered. */
export type KernelThis<Constants, Helpers = unknown> = IKernelFunctionThis<Constants> & Helpers;

export function createKernel<Args extends ThreadKernelVariable[], Constants, Helpers>(
  gpu: GPU,
  kernel: (this: KernelThis<Constants, Helpers>, ...args: Args) => number | number[],
  settings: KernelSettings,
): IKernelRunShortcut {
  // gpu.js declares neither helpers on `this` nor the named form of `functions` (both are in its
  // runtime, src/backend/kernel.js and web-gl/function-node.js astCallExpression).
  return gpu.createKernel(kernel as unknown as KernelFunction<Args, IConstantsThis>,
    settings as unknown as IGPUKernelSettings);
}
