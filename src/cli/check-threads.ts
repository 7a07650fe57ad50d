// Checks on more than one thread: check workers, each with its own copy of the project index (built from the index
// workers' bytes as they arrive), and the main thread take chunks of the files in turn; the parts come back in order.
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Arch } from '../engine/arch';
import type { CheckOptions, CheckPart, CheckSession } from '../engine/check';
import { chunkRanges, claims } from './check-chunks';

/**
 * At most this many threads check: each holds the whole index, so more threads buy less time than the memory they
 * cost on a machine with a few cores.
 */
const MAX_CHECK_THREADS = 2;
/**
 * Peak RSS of a check on two threads, per byte of C analysed, with room: drivers/scsi (29 MB of C) peaked at 2.1 GB,
 * drivers/net/ethernet (67 MB) at 2.8 GB, all of drivers/ (902 MB, much of it register headers) at 15.6 GB.
 */
const TWO_THREAD_RSS_PER_BYTE = 80;
const BASE_RSS_BYTES = 512 << 20;
/** The share of the machine's memory a two-thread check may be expected to take. */
const MEMORY_SHARE = 0.5;

/**
 * Threads to check with: as many as the index workers (one per core, one for small inputs, or --jobs), up to
 * MAX_CHECK_THREADS, and one when the expected peak of two would not fit in MEMORY_SHARE of `memoryBytes`.
 */
export function checkThreadCount(indexWorkers: number, sourceBytes: number, memoryBytes = totalmem()): number {
  if (indexWorkers < 2) return 1;
  return BASE_RSS_BYTES + sourceBytes * TWO_THREAD_RSS_PER_BYTE <= memoryBytes * MEMORY_SHARE ? MAX_CHECK_THREADS : 1;
}

/** What a check worker is started with: the check's options that are data. */
export interface CheckWorkerJob {
  wasmDir: string;
  options: Pick<CheckOptions, 'arches' | 'rules' | 'topology' | 'deviceMap'>;
  /** Per-function timing reports at this many ms (FABRIC_LENS_SLOW_MS), when timing is on. */
  slowMs?: number;
}

/** What a check worker is asked once the index is complete. */
export interface CheckRequest {
  /** The files' numbers (their facts' `index`) in the order the main thread indexed them; `paths` are those files. */
  order: number[];
  paths: string[];
  /** Each file's build architectures (CheckOptions.buildArches), when narrowing. */
  built?: [string, readonly Arch[] | undefined][];
  chunks: [number, number][];
  counter: Int32Array;
  thread: number;
  threads: number;
  fixed: boolean;
}

export type CheckReply = { type: 'part'; chunk: number; part: CheckPart } | { type: 'done' };

export class CheckThreads {
  private readonly workers: Worker[] = [];
  /** Per worker: settles when it says it is done, or ends (failed, exited). */
  private readonly finished: Promise<void>[] = [];
  private readonly failures: string[] = [];
  /** Where the workers' parts go, by chunk (run() sets it before asking them). */
  private parts: (CheckPart | undefined)[] = [];

  /**
   * `fixed` (FABRIC_LENS_CHECK_FIXED=1): each thread takes every n-th chunk from its own number instead of the next
   * unclaimed one, so a test knows each thread checked some.
   */
  constructor(count: number, job: CheckWorkerJob, private readonly fixed = false) {
    for (let i = 0; i < count; i++) {
      const w = new Worker(join(job.wasmDir, 'check-worker.js'), { workerData: job });
      this.finished.push(new Promise((resolve) => {
        w.on('message', (msg: CheckReply) => { if (msg.type === 'part') this.parts[msg.chunk] = msg.part; else resolve(); });
        w.on('error', (e) => this.failures.push(e.message));
        w.on('exit', () => resolve());
      }));
      this.workers.push(w);
    }
  }

  /** Hands an index worker's batch (serialised facts) to every check worker. */
  readonly forward = (bytes: Uint8Array): void => {
    for (const w of this.workers) w.postMessage(bytes);
  };

  /**
   * Checks `session.paths` (the files numbered `order`) on this thread and the workers; chunks a worker did not return
   * (it failed) are checked here. `note` is told of a failed worker.
   */
  async run(session: CheckSession, order: number[], built: CheckRequest['built'], note: (text: string) => void): Promise<CheckPart[]> {
    const chunks = chunkRanges(session.paths);
    const parts: (CheckPart | undefined)[] = (this.parts = new Array(chunks.length));
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const threads = this.workers.length + 1;
    this.workers.forEach((w, i) => w.postMessage({ order, paths: session.paths, built, chunks, counter, thread: i + 1, threads, fixed: this.fixed } satisfies CheckRequest));
    for (const k of claims(counter, chunks.length, 0, threads, this.fixed)) parts[k] = session.part(session.paths.slice(...chunks[k]));
    await Promise.all(this.finished);
    await this.stop();
    for (const f of this.failures) note(`a check thread failed (${f}); the main thread checked its files`);
    return Array.from(chunks, (range, k) => parts[k] ?? session.part(session.paths.slice(...range))); // (map() would skip the holes)
  }

  /** Stops the workers (also when the check ends before run()). */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
