// Reads the file list of a VSIX (a zip) from its central directory, without unpacking it: used by
// scripts/package.mjs to report the file count, and by the tests that check only bundles ship; and one entry's
// bytes (the README the Details page shows).
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** Names and uncompressed sizes of every entry in the zip at `path`. */
export function vsixEntries(path) {
  const zip = readFileSync(path);
  // End-of-central-directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${path}: not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${path}: corrupt central directory`);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const localHeader = zip.readUInt32LE(offset + 42);
    entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), size, method, compressedSize, localHeader });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of the entry `name` (stored or deflated, the two methods vsce writes). */
export function vsixFile(path, name) {
  const entry = vsixEntries(path).find((e) => e.name === name);
  if (!entry) throw new Error(`${path}: no entry ${name}`);
  const zip = readFileSync(path);
  const h = entry.localHeader;
  const start = h + 30 + zip.readUInt16LE(h + 26) + zip.readUInt16LE(h + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${path}: ${name} uses zip method ${entry.method}`);
}
