// A tiny zip reader for tests: the entries' names and sizes from the central directory (enough to inspect a .vsix).
import { readFileSync } from 'node:fs';

export interface ZipEntry { name: string; compressedSize: number; size: number }

export function zipEntries(path: string): ZipEntry[] {
  const buf = readFileSync(path);
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${path}: not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${path}: bad central directory entry ${n}`);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.subarray(at + 46, at + 46 + nameLen).toString('utf8'), compressedSize, size });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
