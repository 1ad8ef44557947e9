/**
 * Just enough of PNG to look at a Chromium screenshot: 8-bit RGB or RGBA, not interlaced (what
 * `page.screenshot` writes). Returns the pixels' relative luminance, for simple checks of a theme.
 */
import { inflateSync } from 'node:zlib';

export interface Luminance {
  width: number;
  height: number;
  /** Relative luminance in [0, 1] per pixel, row by row (WCAG: 0.2126 R + 0.7152 G + 0.0722 B, linearised). */
  values: Float32Array;
}

const linear = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

export function pngLuminance(png: Buffer): Luminance {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) throw new Error(`unsupported PNG (depth ${depth}, colour ${colour}, interlace ${interlace})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[y * stride + x - channels] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rows[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  const values = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    values[i] = 0.2126 * linear(rows[p]) + 0.7152 * linear(rows[p + 1]) + 0.0722 * linear(rows[p + 2]);
  }
  return { width, height, values };
}

/** The median luminance: the page background wherever most of the page is background. */
export function medianLuminance(l: Luminance): number {
  const sorted = Float32Array.from(l.values).sort();
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Share of pixels whose contrast ratio with `background` is at least 3:1 (WCAG's minimum for large text
 * and graphics): text, lines and chart strokes. A blank page has none; an unreadable one very few.
 */
export function contrastingShare(l: Luminance, background: number): number {
  let n = 0;
  for (const v of l.values) {
    const [hi, lo] = v > background ? [v, background] : [background, v];
    if ((hi + 0.05) / (lo + 0.05) >= 3) n++;
  }
  return n / l.values.length;
}
