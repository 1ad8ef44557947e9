/**
 * The normal distribution to double precision: erf, erfc, Φ, φ, and the bivariate normal CDF Φ₂
 * that the exact sign-update moments of science.md §2.6 need (E[sign(X)·sign(Y)] for correlated
 * Gaussians). core/sim/stats.ts keeps its 1e-7 `erfc` for the simulator's KS checks; the theory
 * needs more, because covariances are small differences of these probabilities.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erf(x) for |x| < 2 by the all-positive series erf(x) = (2x/√π)·e^{−x²}·Σ (2x²)ⁿ/(1·3·…·(2n+1))
 * (Abramowitz & Stegun 7.1.6): no cancellation, so relative error ~1e-16.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
  }
  return ((2 * x) / SQRT_PI) * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x ≥ 2 by the continued fraction erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
 * (A&S 7.1.14), evaluated by modified Lentz: relative accuracy ~1e-15 in the far tail too.
 */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (Math.abs(x) < 2) return erfSeries(x);
  return x > 0 ? 1 - erfcFraction(x) : erfcFraction(-x) - 1;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 2) return erfcFraction(x);
  if (x <= -2) return 2 - erfcFraction(-x);
  return 1 - erfSeries(x);
}

/** Standard normal CDF Φ(x), with relative accuracy in the lower tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Gauss–Legendre half-rules (nodes on (0,1), weights) with 3, 6 and 10 points per side (6, 12, 20 in all). */
const GL = {
  6: {
    x: [0.9324695142031522, 0.6612093864662647, 0.238619186083197],
    w: [0.1713244923791705, 0.3607615730481384, 0.4679139345726904],
  },
  12: {
    x: [
      0.9815606342467191, 0.904117256370475, 0.769902674194305, 0.5873179542866171, 0.3678314989981802,
      0.1252334085114692,
    ],
    w: [
      0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659, 0.2334925365383547,
      0.2491470458134029,
    ],
  },
  20: {
    x: [
      0.9931285991850949, 0.9639719272779138, 0.9122344282513259, 0.8391169718222188, 0.7463319064601508,
      0.636053680726515, 0.5108670019508271, 0.3737060887154196, 0.2277858511416451, 0.07652652113349733,
    ],
    w: [
      0.01761400713915212, 0.04060142980038694, 0.06267204833410906, 0.08327674157670475, 0.1019301198172404,
      0.1181945319615184, 0.1316886384491766, 0.1420961093183821, 0.1491729864726037, 0.1527533871307259,
    ],
  },
} as const;

/**
 * P(X > h, Y > k) for standard normals with correlation r: Genz's BVNU (A. Genz, "Numerical computation
 * of rectangular bivariate and trivariate normal and t probabilities", Statistics and Computing 14, 2004;
 * after Drezner & Wesolowsky 1990): Gauss–Legendre on the arcsine form for |r| < 0.925, on the
 * asymptotic expansion near |r| = 1. Absolute error below 1e-14 (test/core/theory/normal.test.ts).
 */
export function bivariateNormalUpper(h: number, k: number, r: number): number {
  if (h === Infinity || k === Infinity) return 0;
  if (h === -Infinity) return k === -Infinity ? 1 : normalCdf(-k);
  if (k === -Infinity) return normalCdf(-h);
  if (r === 0) return normalCdf(-h) * normalCdf(-k);
  const rule = Math.abs(r) < 0.3 ? GL[6] : Math.abs(r) < 0.75 ? GL[12] : GL[20];
  const nodes: number[] = [];
  const weights: number[] = [];
  rule.x.forEach((x, i) => {
    nodes.push(1 - x, 1 + x);
    weights.push(rule.w[i], rule.w[i]);
  });
  const tp = 2 * Math.PI;
  let hk = h * k;
  let bvn = 0;
  if (Math.abs(r) < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r) / 2;
    nodes.forEach((x, i) => {
      const sn = Math.sin(asr * x);
      bvn += weights[i] * Math.exp((sn * hk - hs) / (1 - sn * sn));
    });
    return clamp01((bvn * asr) / tp + normalCdf(-h) * normalCdf(-k));
  }
  let kk = k;
  if (r < 0) {
    kk = -k;
    hk = -hk;
  }
  if (Math.abs(r) < 1) {
    const as = 1 - r * r;
    let a = Math.sqrt(as);
    const bs = (h - kk) ** 2;
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 80;
    let asr = -(bs / as + hk) / 2;
    if (asr > -100) bvn = a * Math.exp(asr) * (1 - (c * (bs - as) * (1 - d * bs)) / 3 + c * d * as * as);
    if (hk > -100) {
      const b = Math.sqrt(bs);
      const sp = Math.sqrt(tp) * normalCdf(-b / a);
      bvn -= Math.exp(-hk / 2) * sp * b * (1 - (c * bs * (1 - d * bs)) / 3);
    }
    a /= 2;
    let sum = 0;
    nodes.forEach((x, i) => {
      const xs = (a * x) ** 2;
      asr = -(bs / xs + hk) / 2;
      if (asr <= -100) return;
      const sp = 1 + c * xs * (1 + 5 * d * xs);
      const rs = Math.sqrt(1 - xs);
      const ep = Math.exp((-(hk / 2) * xs) / (1 + rs) ** 2) / rs;
      sum += weights[i] * Math.exp(asr) * (sp - ep);
    });
    bvn = (a * sum - bvn) / tp;
  }
  if (r > 0) return clamp01(bvn + normalCdf(-Math.max(h, kk)));
  if (h >= kk) return clamp01(-bvn);
  const l = h < 0 ? normalCdf(kk) - normalCdf(h) : normalCdf(-h) - normalCdf(-kk);
  return clamp01(l - bvn);
}

/** Φ₂(h, k; r) = P(X ≤ h, Y ≤ k) for standard normals with correlation r ∈ [−1, 1]. */
export function bivariateNormalCdf(h: number, k: number, r: number): number {
  return bivariateNormalUpper(-h, -k, r);
}

function clamp01(p: number): number {
  return Math.max(0, Math.min(1, p));
}
