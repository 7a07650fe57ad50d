// How the check threads share the files: contiguous chunks (a driver's files stay together where they can), claimed in turn.
import { dirOf } from '../analysis/file-visibility';

/** A chunk closes at a directory change once it has this many files, and always at MAX_CHUNK. */
const MIN_CHUNK = 4;
const MAX_CHUNK = 32;

/** `[start, end)` ranges over `paths`, in order, covering them all. */
export function chunkRanges(paths: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= paths.length; i++) {
    const size = i - start;
    const boundary = i === paths.length || size >= MAX_CHUNK || (size >= MIN_CHUNK && dirOf(paths[i]) !== dirOf(paths[i - 1]));
    if (boundary) { out.push([start, i]); start = i; }
  }
  return out;
}

/**
 * The chunk numbers thread `thread` of `threads` takes, claiming one at a time on a shared counter: with two threads,
 * the first takes chunks from the front and the second from the back, so each checks a contiguous run of the files
 * (a driver's memos, its helpers' flows and its members' origins, are worked out on one thread) and they meet where
 * the work splits evenly; with more, the next chunk in order. `fixed`: every `threads`-th chunk from the thread's own
 * number, claimed without the counter, so a test knows each thread checked some.
 */
export function* claims(counter: Int32Array, chunks: number, thread: number, threads: number, fixed: boolean): Generator<number> {
  if (fixed) { for (let k = thread; k < chunks; k += threads) yield k; return; }
  for (let own = 0, k = Atomics.add(counter, 0, 1); k < chunks; own++, k = Atomics.add(counter, 0, 1)) {
    yield threads !== 2 ? k : thread === 0 ? own : chunks - 1 - own;
  }
}
