// Draws media/icon.png (the marketplace icon, which must be a PNG): a lens over the Surge curve
// η*(B), the curve that rises with batch size and then falls. Pure Node (zlib for the PNG's
// deflate stream), so the icon is reproducible: `node media/draw-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4; // supersamples per axis, for anti-aliased edges

/** Surge-shaped curve in unit coordinates: x in [0,1] → y in [0,1], peak near x = 0.39. */
function curve(x) {
  const b = 0.05 + 1.4 * x;
  return 1.35 * b / (0.35 + b * b);
}

/** Colour of one sub-sample at (x, y) in pixel units, as [r, g, b, a] in 0..1. */
function shade(x, y) {
  const c = SIZE / 2;
  const r = Math.hypot(x - c, y - c);
  // rounded-square background
  const m = 10;
  const radius = 24;
  const qx = Math.max(Math.abs(x - c) - (c - m - radius), 0);
  const qy = Math.max(Math.abs(y - c) - (c - m - radius), 0);
  if (Math.hypot(qx, qy) > radius) return [0, 0, 0, 0];
  let colour = [0.11, 0.16, 0.27, 1];
  // the curve, drawn inside the lens only
  const lensR = 38;
  const ux = (x - (c - lensR)) / (2 * lensR);
  if (r < lensR && ux >= 0 && ux <= 1) {
    const cy = c + lensR * 0.5 - curve(ux) * lensR * 0.75;
    if (Math.abs(y - cy) < 3.2) colour = [1.0, 0.62, 0.18, 1];
    else if (y > cy) colour = [0.16, 0.25, 0.42, 1];
  }
  // lens ring and handle
  if (Math.abs(r - lensR) < 4.5) colour = [0.93, 0.95, 0.98, 1];
  const hx = x - c;
  const hy = y - c;
  const along = (hx + hy) / Math.SQRT2;
  const across = (hx - hy) / Math.SQRT2;
  if (along > lensR + 2 && along < lensR + 22 && Math.abs(across) < 5) colour = [0.93, 0.95, 0.98, 1];
  return colour;
}

function pixels() {
  const out = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    out[y * (SIZE * 4 + 1)] = 0; // filter type: none
    for (let x = 0; x < SIZE; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const s = shade(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
          for (let k = 0; k < 3; k++) acc[k] += s[k] * s[3];
          acc[3] += s[3];
        }
      }
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      const alpha = acc[3] / (SS * SS);
      for (let k = 0; k < 3; k++) out[o + k] = acc[3] > 0 ? Math.round((255 * acc[k]) / acc[3]) : 0;
      out[o + 3] = Math.round(255 * alpha);
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
