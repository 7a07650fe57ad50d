// Analyses files on worker threads (one per core) and returns their facts in the order the files were given; then
// runs the per-function rules on the same workers, each over its own share with the whole project indexed.
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../analysis/facts';
import type { Finding } from '../engine/findings';
import type { WorkerCheckOptions, WorkerFindings, WorkerJob, WorkerRequest, WorkerResult } from './index-worker';

export interface Indexed { facts: (FileFacts | undefined)[]; skipped: string[]; errors: string[] }

type Share = { index: number; path: string }[];

/** Splits files into `n` shares of about equal size (largest first, each to the lightest share). */
function shares(files: string[], n: number): Share[] {
  const sized = files.map((path, index) => ({ index, path, size: sizeOf(path) })).sort((a, b) => b.size - a.size);
  const out = Array.from({ length: n }, () => ({ size: 0, files: [] as Share }));
  for (const f of sized) {
    const lightest = out.reduce((a, b) => (b.size < a.size ? b : a));
    lightest.files.push({ index: f.index, path: f.path });
    lightest.size += f.size;
  }
  return out.map((s) => s.files).filter((s) => s.length > 0);
}

/** Splits `items` into `n` runs of consecutive items of about equal weight. */
function contiguousParts(items: number[], n: number, weight: (i: number) => number): number[][] {
  const weights = items.map(weight);
  const total = weights.reduce((a, b) => a + b, 0);
  const parts: number[][] = Array.from({ length: n }, () => []);
  let acc = 0;
  items.forEach((item, k) => {
    parts[Math.min(n - 1, Math.floor((acc * n) / Math.max(1, total)))].push(item);
    acc += weights[k];
  });
  return parts;
}

function sizeOf(path: string): number {
  try { return statSync(path).size; } catch { return 0; }
}

export function workerCount(files: number): number {
  const cores = Math.max(1, Math.min(availableParallelism(), 8));
  return files < 64 ? 1 : cores;
}

const FACTS_BATCH = 256;

/** The workers' function findings by file index, and per worker the index state they left (see WorkerFindings). */
export interface WorkersChecked { findings: Map<number, Finding[]>; bodies: WorkerFindings['bodies'][]; writerKeys: string[][] }

/** Worker threads that analysed a share of the files each and stay up to check those files. */
export class IndexWorkers {
  private readonly owner: Int32Array;
  private constructor(private readonly files: string[], private readonly workers: { worker: Worker; share: Share }[], readonly indexed: Indexed) {
    this.owner = new Int32Array(files.length).fill(-1);
    workers.forEach(({ share }, w) => { for (const f of share) this.owner[f.index] = w; });
  }

  /** Starts the workers and waits until every file is analysed. */
  static async start(files: string[], wasmDir: string, workers = workerCount(files.length)): Promise<IndexWorkers> {
    const indexed: Indexed = { facts: new Array(files.length), skipped: [], errors: [] };
    const started = await Promise.all(shares(files, workers).map((share) => new Promise<{ worker: Worker; share: Share }>((resolve, reject) => {
      const job: WorkerJob = { wasmDir, files: share };
      const worker = new Worker(join(wasmDir, 'index-worker.js'), { workerData: job });
      const onMessage = (msg: WorkerResult[] | 'done') => {
        if (msg === 'done') { worker.off('message', onMessage); resolve({ worker, share }); return; }
        for (const r of msg) {
          if ('facts' in r) indexed.facts[r.index] = r.facts;
          else if ('skip' in r) indexed.skipped.push(r.skip);
          else indexed.errors.push(r.error);
        }
      };
      worker.on('message', onMessage);
      worker.on('error', reject);
    })));
    return new IndexWorkers(files, started, indexed);
  }

  /**
   * Sends every worker the facts it lacks, then has it index the whole project (files in `order`, as the main thread
   * indexes them) and run the per-function rules on its part of `check` (distinct files, by index): consecutive files,
   * so a driver's files and the helpers they share are mostly extracted by one worker, not by each.
   * The requests are posted before this returns; the findings arrive by file index.
   */
  checkFunctions(order: number[], check: number[], options: WorkerCheckOptions): Promise<WorkersChecked> {
    const out: WorkersChecked = { findings: new Map(), bodies: [], writerKeys: [] };
    const parts = contiguousParts(check, this.workers.length, (i) => sizeOf(this.files[i]));
    return Promise.all(this.workers.map(({ worker }, w) => {
      let items: { index: number; facts: FileFacts }[] = [];
      const send = (msg: WorkerRequest) => worker.postMessage(msg);
      for (const i of order) {
        const facts = this.indexed.facts[i];
        if (!facts || this.owner[i] === w) continue;
        items.push({ index: i, facts });
        if (items.length >= FACTS_BATCH) { send({ kind: 'facts', items }); items = []; }
      }
      if (items.length) send({ kind: 'facts', items });
      const mine = parts[w].map((i) => ({ index: i, path: this.files[i] }));
      send({ kind: 'check', order, mine, options });
      return new Promise<void>((resolve, reject) => {
        worker.once('message', (msg: WorkerFindings) => {
          for (const r of msg.findings) out.findings.set(r.index, r.findings);
          out.bodies[w] = msg.bodies;
          out.writerKeys[w] = msg.writerKeys;
          void worker.terminate();
          resolve();
        });
        worker.on('error', reject);
      });
    })).then(() => out);
  }

  close(): void {
    for (const { worker } of this.workers) void worker.terminate();
  }
}
