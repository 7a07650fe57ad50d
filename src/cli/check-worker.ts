// Check thread of the parallel CLI: builds its own project index from the index workers' bytes, then checks the
// chunks of files it claims and sends each chunk's part back.
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileFacts } from '../analysis/facts';
import { CheckSession } from '../engine/check';
import { Project } from '../engine/project';
import { claims } from './check-chunks';
import type { CheckReply, CheckRequest, CheckWorkerJob } from './check-threads';
import type { WorkerResult } from './index-worker';
import { lineReader } from './line-reader';

function start(port: NonNullable<typeof parentPort>, job: CheckWorkerJob): void {
  const facts: FileFacts[] = [];
  const project = Project.create(job.wasmDir);
  port.on('message', (msg: Uint8Array | CheckRequest) => {
    if (msg instanceof Uint8Array) {
      for (const r of deserialize(msg) as WorkerResult[]) if ('facts' in r) facts[r.index] = r.facts;
      return;
    }
    void project.then((p) => { check(port, job, p, facts, msg); facts.length = 0; });
  });
}

function check(port: NonNullable<typeof parentPort>, job: CheckWorkerJob, project: Project, facts: FileFacts[], req: CheckRequest): void {
  const t0 = performance.now();
  for (const i of req.order) project.addFacts(facts[i]);
  const indexMs = performance.now() - t0;
  let done = 0;
  const built = req.built && new Map(req.built);
  const report = (what: string, ms: number) => process.stderr.write(`fabric-lens: timing: ${what} ${(ms / 1000).toFixed(2)} s (check thread ${req.thread})\n`);
  const session = new CheckSession(project.index, req.paths, {
    ...job.options,
    buildArches: built && ((file) => built.get(file)),
    lineText: lineReader(),
    timing: job.slowMs === undefined ? undefined : { slowMs: job.slowMs, report },
  });
  for (const k of claims(req.counter, req.chunks.length, req.thread, req.threads, req.fixed)) {
    port.postMessage({ type: 'part', chunk: k, part: session.part(req.paths.slice(...req.chunks[k])) } satisfies CheckReply);
    done++;
  }
  if (job.slowMs !== undefined) process.stderr.write(`fabric-lens: timing: check thread ${req.thread}: ${done} of ${req.chunks.length} chunks, its index copy built in ${(indexMs / 1000).toFixed(2)} s\n`);
  port.postMessage({ type: 'done' } satisfies CheckReply);
}

if (parentPort) start(parentPort, workerData as CheckWorkerJob);
