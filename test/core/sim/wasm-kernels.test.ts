import { describe, expect, it } from 'vitest';
import { fillNormals, NORMAL_BLOCK, STREAM } from '../../../core/sim/rng';
import { createSimKernels, fillNormalsWasm } from '../../../core/sim/wasm-kernels';

describe('WebAssembly kernels', () => {
  const kernels = createSimKernels(8 * 4 * NORMAL_BLOCK);

  it('compile and run here (Node 20 has WebAssembly SIMD)', () => {
    expect(kernels).not.toBeNull();
  });

  it.each([
    [0, 3 * NORMAL_BLOCK],
    [0, 17],
    [5, 2 * NORMAL_BLOCK],
    [NORMAL_BLOCK - 1, NORMAL_BLOCK + 2],
  ])('draw exactly the JS normals for coordinates from %d, %d of them', (start, count) => {
    const k = kernels!;
    const byte = k.heap + 64;
    const fast = new Float64Array(k.memory.buffer, byte, count);
    fillNormalsWasm(k, fast, byte, start, count, 99, STREAM.gradient, 12, 3);
    const plain = new Float64Array(count);
    fillNormals(plain, 0, start, count, 99, STREAM.gradient, 12, 3);
    expect(Array.from(fast)).toEqual(Array.from(plain));
  });

  it('update Adam pairs exactly as the JS formula does', () => {
    const k = kernels!;
    const n = 8;
    const at = (i: number) => k.heap + 8 * i * n;
    const [theta, m, v, z] = [0, 1, 2, 3].map((i) => new Float64Array(k.memory.buffer, at(i), n));
    theta.set([0.1, -0.2, 0.3, 0, 1, -1, 2, 0.5]);
    m.set([0, 0.1, -0.1, 0.2, 0, 0, 1, -1]);
    v.set([1, 0.5, 0.25, 2, 1e-9, 3, 0.1, 4]);
    z.set([1, -1, 0.5, 2, -0.3, 0, 3, -2]);
    const [th0, m0, v0] = [Array.from(theta), Array.from(m), Array.from(v)];
    const [keep, b1, b2, inv, eps, step, mean, std, l2] = [0.999, 0.9, 0.95, 1.3, 1e-8, 2e-3, 0.1, 1.5, 0.01];
    k.adam({ theta: at(0), m: at(1), v: at(2), z: at(3) }, n / 2, keep, b1, 1 - b1, b2, 1 - b2, inv, eps, step, mean,
      std, l2);
    for (let i = 0; i < n; i++) {
      const th = th0[i] * keep;
      const g = mean + std * z[i] + l2 * th;
      const mi = m0[i] * b1 + (1 - b1) * g;
      const vi = v0[i] * b2 + (1 - b2) * g * g;
      expect(m[i]).toBe(mi);
      expect(v[i]).toBe(vi);
      expect(theta[i]).toBe(th - step * (mi / (Math.sqrt(vi) * inv + eps)));
    }
  });
});
