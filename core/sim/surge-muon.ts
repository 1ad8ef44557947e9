/**
 * Muon's η*(B) by Monte Carlo (science.md §3.5): does its optimal learning rate ever fall as the batch
 * grows? On the quadratic L(Θ) = ⟨G, Θ⟩ + ½h‖Θ‖²_F over one m×n matrix, a batch of B examples gives the
 * gradient G + N(0, σ²/B) per entry. From Θ = 0, one Muon step Θ = −η·O (O = NewtonSchulz5 of the torch
 * update: buf ← buf.lerp(g, 1 − μ), update = g.lerp(buf, μ) with Nesterov) lowers the loss by
 *   ΔL(η) = η⟨G, O⟩ − ½hη²‖O‖²_F,  so  η*(B) = E⟨G, O⟩ / (h·E‖O‖²_F),
 * estimated from the stationary momentum buffer (warmed up at the batch's noise) over `rounds` steps.
 * G has i.i.d. N(0, 1) entries rescaled to RMS 1 (a full-rank gradient), σ = √B_simple, h = 1.
 */
import { newtonSchulz, muonScratch } from './muon';
import { fillNormals, STREAM } from './rng';

export interface MuonSurgeSpec {
  shape: [number, number];
  momentum: number;
  nesterov: boolean;
  /** B_simple = σ²/ḡ² with ḡ = 1. */
  bSimple: number;
  batchSizes: number[];
  warmupSteps: number;
  rounds: number;
  replicas: number;
  seed: number;
}

export interface MuonSurgePoint {
  batchSize: number;
  /** η*(B) (mean over replicas of each replica's E⟨G, O⟩/E‖O‖²) and its standard error. */
  bestLr: number;
  bestLrStderr: number;
  replicaBestLr: number[];
}

/** Counter of the true gradient's draw (the noise of step t uses counter t + 1). */
const GRADIENT_COUNTER = 0;

function replicaEtaStar(spec: MuonSurgeSpec, batch: number, replica: number, stream: number): number {
  const [m, n] = spec.shape;
  const size = m * n;
  const g = new Float64Array(size);
  fillNormals(g, 0, 0, size, spec.seed, STREAM.surge, GRADIENT_COUNTER, replica);
  const rms = Math.sqrt(g.reduce((a, x) => a + x * x, 0) / size);
  for (let i = 0; i < size; i++) g[i] /= rms;
  const noise = Math.sqrt(spec.bSimple / batch);
  const mu = spec.momentum;
  const buf = Float64Array.from(g);
  const grad = new Float64Array(size);
  const update = new Float64Array(size);
  const ortho = new Float64Array(size);
  const z = new Float64Array(size);
  const scratch = muonScratch(spec.shape);
  let counter = GRADIENT_COUNTER;
  let along = 0;
  let square = 0;
  for (let t = 0; t < spec.warmupSteps + spec.rounds; t++) {
    fillNormals(z, 0, 0, size, spec.seed, STREAM.surge, ++counter, stream);
    for (let i = 0; i < size; i++) {
      grad[i] = g[i] + noise * z[i];
      buf[i] += (1 - mu) * (grad[i] - buf[i]);
      update[i] = spec.nesterov ? grad[i] + mu * (buf[i] - grad[i]) : buf[i];
    }
    if (t < spec.warmupSteps) continue;
    newtonSchulz(update, spec.shape, ortho, scratch);
    for (let i = 0; i < size; i++) {
      along += g[i] * ortho[i];
      square += ortho[i] * ortho[i];
    }
  }
  return along / square;
}

/** η*(B) at each batch size; replicas draw their own G and noise (streams never shared between points). */
export function muonSurgeSweep(spec: MuonSurgeSpec): MuonSurgePoint[] {
  return spec.batchSizes.map((batch, index) => {
    const replicaBestLr = Array.from(
      { length: spec.replicas },
      (_, r) => replicaEtaStar(spec, batch, r, 1 + index * spec.replicas + r),
    );
    const mean = replicaBestLr.reduce((a, b) => a + b, 0) / replicaBestLr.length;
    const variance = replicaBestLr.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, replicaBestLr.length - 1);
    return { batchSize: batch, bestLr: mean, bestLrStderr: Math.sqrt(variance / replicaBestLr.length), replicaBestLr };
  });
}
