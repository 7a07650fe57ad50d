// Whole-tree checks hold every file's facts at once: give the CLI a heap sized to the machine (V8's default of about
// 4 GB is too small for all of Linux drivers/) by re-running itself once with --max-old-space-size, and a larger young
// generation (--max-semi-space-size): the rules allocate many short-lived objects, and with the default 16 MB
// semi-spaces garbage collection took 11 of 51 s of the main thread's CPU on drivers/net/ethernet (7 s with 64 MB).
import { spawnSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

const MARK = 'FABRIC_LENS_HEAP_SET';
/** Semi-space size in MB (Node 20's V8 grows them up to 16 MB on 64-bit machines). */
const SEMI_SPACE_MB = 64;

/** The heap to ask for, in MB: 70% of the machine's memory, at most 16 GB. */
export function wantedHeapMb(): number {
  return Math.min(16384, Math.floor((totalmem() / 1024 / 1024) * 0.7));
}

/**
 * When this process's heap limit is well below what the machine allows, runs `script argv` again in a child with a
 * larger heap (stdio inherited) and returns its exit code; otherwise undefined (go on in this process).
 */
export function rerunWithLargerHeap(script: string, argv: string[]): number | undefined {
  if (process.env[MARK]) return undefined;
  const want = wantedHeapMb();
  const have = getHeapStatistics().heap_size_limit / 1024 / 1024;
  if (want <= have * 1.25) return undefined;
  const child = spawnSync(process.execPath, [`--max-old-space-size=${want}`, `--max-semi-space-size=${SEMI_SPACE_MB}`, script, ...argv], { stdio: 'inherit', env: { ...process.env, [MARK]: '1' } });
  if (child.error) return undefined;
  return child.status ?? 2;
}
