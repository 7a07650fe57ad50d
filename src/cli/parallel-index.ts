// Analyses files on worker threads (one per core) and returns their facts in the order the files were given.
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../analysis/facts';
import type { WorkerJob, WorkerResult } from './index-worker';
import type { AbsentMacros } from '../analysis/preproc-conditions';

export interface Indexed { facts: (FileFacts | undefined)[]; skipped: string[]; errors: string[] }

/** Splits files into `n` shares of about equal size (largest first, each to the lightest share). */
function shares(files: string[], n: number): { index: number; path: string }[][] {
  const sized = files.map((path, index) => ({ index, path, size: sizeOf(path) })).sort((a, b) => b.size - a.size);
  const out = Array.from({ length: n }, () => ({ size: 0, files: [] as { index: number; path: string }[] }));
  for (const f of sized) {
    const lightest = out.reduce((a, b) => (b.size < a.size ? b : a));
    lightest.files.push({ index: f.index, path: f.path });
    lightest.size += f.size;
  }
  return out.map((s) => s.files).filter((s) => s.length > 0);
}

/** The files' sizes added up (unreadable ones count 0). */
export function totalSize(files: readonly string[]): number {
  return files.reduce((n, f) => n + sizeOf(f), 0);
}

function sizeOf(path: string): number {
  try { return statSync(path).size; } catch { return 0; }
}

export function workerCount(files: number): number {
  const cores = Math.max(1, Math.min(availableParallelism(), 8));
  return files < 64 ? 1 : cores;
}

/** `onBatch`: told of each batch's serialised bytes (the check threads get them too). */
export async function indexInParallel(files: string[], wasmDir: string, workers = workerCount(files.length), absentMacros?: AbsentMacros, onBatch?: (bytes: Uint8Array) => void): Promise<Indexed> {
  const result: Indexed = { facts: new Array(files.length), skipped: [], errors: [] };
  await Promise.all(shares(files, workers).map((share) => new Promise<void>((resolve, reject) => {
    const job: WorkerJob = { wasmDir, files: share, absentMacros: absentMacros && Object.fromEntries(Object.entries(absentMacros).map(([arch, names]) => [arch, [...names!]])) };
    const w = new Worker(join(wasmDir, 'index-worker.js'), { workerData: job });
    w.on('message', (msg: Uint8Array | 'done') => {
      if (msg === 'done') { void w.terminate(); resolve(); return; }
      onBatch?.(msg);
      for (const r of deserialize(msg) as WorkerResult[]) {
        if ('facts' in r) result.facts[r.index] = r.facts;
        else if ('skip' in r) result.skipped.push(r.skip);
        else result.errors.push(r.error);
      }
    });
    w.on('error', reject);
  })));
  return result;
}
