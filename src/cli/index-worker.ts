// Worker thread of the parallel CLI: analyses a share of the files and sends their facts back; then, given the other
// workers' facts, builds the whole project index and runs the per-function rules on its own share.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { Parser } from 'web-tree-sitter';
import { analyzeText, materializeBody } from '../analysis/analyze-text';
import type { BodyFacts, FileFacts, FunctionFacts } from '../analysis/facts';
import { initParser } from '../analysis/parser';
import { ProjectIndex } from '../analysis/project-index';
import { checkFunctionsByFile, type CheckOptions } from '../engine/check';
import type { Finding } from '../engine/findings';
import { kbuildArches } from './kbuild-tree';
import { lineReader, readSource } from './read-source';

export interface WorkerJob { wasmDir: string; files: { index: number; path: string }[] }
export type WorkerResult =
  | { index: number; facts: FileFacts }
  | { index: number; skip: string }
  | { index: number; error: string };

/** What the per-function rules need of the check's options (functions cannot cross threads). */
export interface WorkerCheckOptions { arches: CheckOptions['arches']; rules: CheckOptions['rules']; kbuild: boolean }

/** Main -> worker after parsing: facts of files other workers analysed, then the order to index and check in. */
export type WorkerRequest =
  | { kind: 'facts'; items: { index: number; facts: FileFacts }[] }
  | { kind: 'check'; order: number[]; mine: { index: number; path: string }[]; options: WorkerCheckOptions };

/**
 * Worker -> main: per-file function findings of the worker's share, and what checking them left in the index that
 * the project-wide rules see: bodies extracted from functions kept as text (file index, function ordinal), and the
 * member keys whose writers were extracted.
 */
export interface WorkerFindings {
  findings: { index: number; findings: Finding[] }[];
  bodies: { index: number; fn: number; body: BodyFacts }[];
  writerKeys: string[];
}

async function run(job: WorkerJob): Promise<void> {
  const parser = await initParser(job.wasmDir);
  const all = parseShare(parser, job);
  const timing = process.env.FABRIC_LENS_TIMING ? phaseTimer() : undefined;
  parentPort!.on('message', (msg: WorkerRequest) => {
    if (msg.kind === 'facts') { for (const { index, facts } of msg.items) all.set(index, facts); return; }
    timing?.('facts received');
    parentPort!.postMessage(checkShare(parser, all, msg, timing));
    all.clear();
    timing?.('sent');
  });
}

/** Analyses this worker's files, sending their facts in batches; returns them by file index. */
function parseShare(parser: Parser, job: WorkerJob): Map<number, FileFacts> {
  const all = new Map<number, FileFacts>();
  let batch: WorkerResult[] = [];
  for (const { index, path } of job.files) {
    const r = readSource(path);
    if ('error' in r) batch.push({ index, error: r.error });
    else if ('skip' in r) batch.push({ index, skip: r.skip });
    else {
      try {
        const facts = analyzeText(parser, path, r.text);
        all.set(index, facts);
        batch.push({ index, facts });
      } catch (e) { batch.push({ index, error: `${path}: analysis failed (${(e as Error).message})` }); }
    }
    if (batch.length >= 16) { parentPort!.postMessage(batch); batch = []; }
  }
  parentPort!.postMessage(batch);
  parentPort!.postMessage('done');
  return all;
}

/** Indexes all files in the main thread's order, runs the per-function rules on this worker's part, reports back. */
function checkShare(parser: Parser, all: Map<number, FileFacts>, msg: Extract<WorkerRequest, { kind: 'check' }>, timing?: (label: string) => void): WorkerFindings {
  const index = new ProjectIndex((fn) => materializeBody(parser, fn));
  const eager = new Set<FunctionFacts>();
  for (const i of msg.order) {
    const f = all.get(i);
    if (!f) continue;
    index.update(f);
    for (const fn of f.functions) if (fn.body) eager.add(fn);
  }
  const options: CheckOptions = { arches: msg.options.arches, rules: msg.options.rules, lineText: lineReader(), buildArches: msg.options.kbuild ? kbuildArches() : undefined };
  index.callerCount(''); // builds the merged index (timed apart from the checks)
  timing?.('indexed');
  const byFile = checkFunctionsByFile(index, msg.mine.map((m) => m.path), options);
  timing?.('checked');
  const bodies: WorkerFindings['bodies'] = [];
  for (const i of msg.order) {
    all.get(i)?.functions.forEach((fn, k) => { if (fn.body && !eager.has(fn)) bodies.push({ index: i, fn: k, body: fn.body }); });
  }
  return { findings: msg.mine.map((m, k) => ({ index: m.index, findings: byFile[k] })), bodies, writerKeys: index.writerKeys() };
}

/** FABRIC_LENS_TIMING: this thread's steps, wall time since the previous one. */
function phaseTimer(): (label: string) => void {
  let t = performance.now();
  return (label) => {
    const now = performance.now();
    process.stderr.write(`fabric-lens: timing: worker ${threadId}: ${label} ${((now - t) / 1000).toFixed(2)} s\n`);
    t = now;
  };
}

if (parentPort) void run(workerData as WorkerJob);
