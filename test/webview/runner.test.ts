import { describe, expect, it } from 'vitest';
import { detectGpu, isSoftwareRenderer } from '../../webview/runner';

describe('choosing where simulations run', () => {
  it('recognises CPU rasterisers behind WebGL2 (they get the worker’s share of work)', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA H100 80GB HBM3 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
  });

  it('uses no GPU when gpu.js is absent, or present without WebGL2 (never its eval-based cpu backend)', () => {
    expect(detectGpu({})).toBeNull();
    expect(detectGpu({ GPU: { prototype: {} } })).toBeNull();
    const withoutWebgl2 = Object.assign(
      function GPU() {}, { isWebGL2Supported: false, isOffscreenCanvasSupported: true });
    expect(detectGpu({ GPU: withoutWebgl2 })).toBeNull();
    // A worker has no DOM canvas: without OffscreenCanvas the GPU worker could not draw.
    const withoutOffscreen = Object.assign(
      function GPU() {}, { isWebGL2Supported: true, isOffscreenCanvasSupported: false });
    expect(detectGpu({ GPU: withoutOffscreen })).toBeNull();
  });
});
