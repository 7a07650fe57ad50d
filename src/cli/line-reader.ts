// Reads a file's lines on first use, for quick fixes that keep a line's indentation.
import { readFileSync } from 'node:fs';

/** The text of a 0-based line of a file, or undefined (an unreadable file has no lines). */
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
