// Reads a source file for analysis: decodes UTF-8 leniently, refuses binaries, reports unreadable files.
import { readFileSync } from 'node:fs';

export type ReadResult = { text: string } | { skip: string } | { error: string };

const decoder = new TextDecoder('utf-8', { fatal: false });

export function readSource(path: string): ReadResult {
  let buf: Buffer;
  try { buf = readFileSync(path); } catch (e) { return { error: `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }; }
  if (buf.subarray(0, 8192).includes(0)) return { skip: `${path}: skipped, binary file` };
  return { text: decoder.decode(buf) };
}
