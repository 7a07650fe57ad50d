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

/** Text of a 0-based line of a file (files read once, kept), for quick fixes that keep indentation. */
export function lineReader(): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[]>();
  return (file, line) => {
    let lines = cache.get(file);
    if (!lines) {
      try { lines = readFileSync(file, 'utf8').split(/\r?\n/); } catch { lines = []; }
      cache.set(file, lines);
    }
    return lines[line];
  };
}
