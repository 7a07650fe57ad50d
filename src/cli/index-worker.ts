// Worker thread of the parallel CLI: reads and analyses a share of the files and sends their facts back.
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText } from '../analysis/analyze-text';
import { initParser } from '../analysis/parser';
import { readSource } from './read-source';
import type { KbuildArch } from '../analysis/kbuild';

/** `absentMacros`: per target, macros it never defines in the files' kernel tree (other architectures' Kconfig symbols). */
export interface WorkerJob { wasmDir: string; files: { index: number; path: string }[]; absentMacros?: Partial<Record<KbuildArch, string[]>> }
export type WorkerResult =
  | { index: number; facts: import('../analysis/facts').FileFacts }
  | { index: number; skip: string }
  | { index: number; error: string };

async function run(job: WorkerJob): Promise<void> {
  const parser = await initParser(job.wasmDir);
  const absent = job.absentMacros && Object.fromEntries(Object.entries(job.absentMacros).map(([arch, names]) => [arch, new Set(names)]));
  let batch: WorkerResult[] = [];
  for (const { index, path } of job.files) {
    const r = readSource(path);
    if ('error' in r) batch.push({ index, error: r.error });
    else if ('skip' in r) batch.push({ index, skip: r.skip });
    else {
      try { batch.push({ index, facts: analyzeText(parser, path, r.text, absent) }); } catch (e) { batch.push({ index, error: `${path}: analysis failed (${(e as Error).message})` }); }
    }
    if (batch.length >= 16) { post(batch); batch = []; }
  }
  post(batch);
  parentPort!.postMessage('done');
}

/** A batch goes as its serialised bytes, so the main thread can hand the same bytes on to the check threads. */
function post(batch: WorkerResult[]): void {
  const bytes = serialize(batch);
  parentPort!.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
}

if (parentPort) void run(workerData as WorkerJob);
