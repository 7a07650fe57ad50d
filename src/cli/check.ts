// `fabric-lens check`: analyses all given files together and prints the findings; exit code per --fail-on.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, parseConfig, type ProjectConfig } from '../engine/config';
import { formatIssue, parseTopologyText, type Topology } from '../engine/fabric';
import { parseDeviceMap, type DeviceMap } from '../engine/fabric-rules/device-map';
import { Project } from '../engine/project';
import { CheckSession } from '../engine/check';
import { SEVERITY_RANK, type Finding } from '../engine/findings';
import type { Arch } from '../engine/arch';
import { CHECK_USAGE, parseCheckArgs, type CheckArgs, type FailOn } from './args';
import { collectFiles } from './collect-files';
import { buildArches as buildArchesOf, otherArchMacros } from './kbuild-tree';
import { formatJson, formatText } from './format';
import { formatSarif } from './sarif';
import { indexInParallel, totalSize, workerCount } from './parallel-index';
import { CheckThreads, checkThreadCount, type CheckWorkerJob } from './check-threads';
import { lineReader } from './line-reader';
import type { Io } from './io';

export async function runCheck(argv: string[], io: Io, wasmDir: string): Promise<number> {
  const args = parseCheckArgs(argv);
  if (typeof args === 'string') { io.stderr(`fabric-lens: ${args}\n${CHECK_USAGE}\n`); return 2; }
  const config = loadConfig(args);
  if (typeof config === 'string') { io.stderr(`fabric-lens: ${config}\n`); return 2; }
  const fabric = loadFabricOptions({ ...args, topology: args.topology ?? config?.topology });
  if (typeof fabric === 'string') { io.stderr(`fabric-lens: ${fabric}\n`); return 2; }
  const arches = args.archGiven ? args.arches : config?.arches ?? args.arches;
  const rules = { ...config?.rules, ...args.rules };
  const { files, errors } = collectFiles(args.paths);
  const { findings, analysed } = await indexAndCheck(files, { args, options: { arches, rules, ...fabric }, errors, io, wasmDir });
  io.stdout(report(args.format, findings, analysed.length));
  for (const e of errors) io.stderr(`fabric-lens: error: ${e}\n`);
  if (errors.length) return 2;
  return failed(findings, args.failOn) ? 1 : 0;
}

/** The findings in the format asked for (text: nothing when there are none). */
function report(format: CheckArgs['format'], findings: Finding[], fileCount: number): string {
  if (format === 'json') return `${formatJson(findings, fileCount, (f) => f)}\n`;
  if (format === 'sarif') return `${formatSarif(findings, (f) => f)}\n`;
  return findings.length ? `${formatText(findings, (f) => f)}\n` : '';
}

interface CheckRun {
  args: CheckArgs;
  /** The options that are data (a check worker gets them too). */
  options: CheckWorkerJob['options'];
  /** Read and analysis errors are added here. */
  errors: string[];
  io: Io;
  wasmDir: string;
}

/**
 * Parses and indexes `files` on the index workers, then checks them on this thread and, where memory allows, a check
 * worker; the findings sorted, and the files analysed (those that could be read).
 */
async function indexAndCheck(files: string[], run: CheckRun): Promise<{ findings: Finding[]; analysed: string[] }> {
  const { args, io, wasmDir } = run;
  const timing = process.env.FABRIC_LENS_TIMING ? phaseTimer(io) : undefined;
  const slowMs = Number(process.env.FABRIC_LENS_SLOW_MS || Infinity);
  const jobs = args.jobs ?? workerCount(files.length);
  const threadCount = checkThreadCount(jobs, totalSize(files));
  const threads = threadCount > 1 ? new CheckThreads(threadCount - 1, { wasmDir, options: run.options, slowMs: timing ? slowMs : undefined }, process.env.FABRIC_LENS_CHECK_FIXED === '1') : undefined;
  try {
    const t0 = performance.now();
    const indexing = indexInParallel(files, wasmDir, jobs, args.kbuild ? otherArchMacros(files) : undefined, threads?.forward);
    const narrowing = args.kbuild ? warmBuildArches(files) : undefined; // meanwhile, on this thread
    const indexed = await indexing;
    timing?.('parse+index', t0);
    for (const note of indexed.skipped) io.stderr(`fabric-lens: note: ${note}\n`);
    run.errors.push(...indexed.errors);
    const project = await Project.create(wasmDir);
    const order = indexed.facts.flatMap((facts, i) => (facts ? [i] : []));
    for (const i of order) project.addFacts(indexed.facts[i]!);
    const analysed = order.map((i) => files[i]);
    const t1 = performance.now();
    const buildArches = !args.kbuild ? undefined : analysed.length === files.length ? narrowing : buildArchesOf(analysed);
    const ruleTiming = timing ? { slowMs, report: (what: string, ms: number) => io.stderr(`fabric-lens: timing: ${what} ${(ms / 1000).toFixed(2)} s\n`) } : undefined;
    const session = new CheckSession(project.index, analysed, { ...run.options, lineText: lineReader(), timing: ruleTiming, buildArches });
    const parts = threads
      ? await threads.run(session, order, buildArches && analysed.map((f) => [f, buildArches(f)]), (text) => io.stderr(`fabric-lens: note: ${text}\n`))
      : [session.part(analysed)];
    const findings = sortFindings(session.finish(parts));
    timing?.('rules', t1);
    return { findings, analysed };
  } finally {
    await threads?.stop();
  }
}

/**
 * The kbuild narrowing of `files`, with every file's answer computed now: this reads Makefiles, Kconfig and device
 * trees (5 of the 50 s of checks on drivers/net/ethernet), and the main thread has nothing else to do while the
 * workers parse. Answers do not depend on the order files are asked in (kbuild-tree.ts reads every Kconfig first).
 */
function warmBuildArches(files: string[]): (file: string) => readonly Arch[] | undefined {
  const narrowing = buildArchesOf(files);
  for (const f of files) narrowing(f);
  return narrowing;
}

/**
 * Reports a phase's wall time since `t0`, and the process's CPU time since the previous report (user + system, all
 * threads: for the rules phase, which runs on this thread alone, a figure a busy machine disturbs less than wall time).
 */
function phaseTimer(io: Io): (label: string, t0: number) => void {
  let cpu = process.cpuUsage();
  return (label, t0) => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    io.stderr(`fabric-lens: timing: ${label} ${((performance.now() - t0) / 1000).toFixed(2)} s (cpu ${((used.user + used.system) / 1e6).toFixed(2)} s)\n`);
  };
}

function failed(findings: Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}

/** By place, then rule and message: a total order, so two findings at one place come out alike whatever thread found them first. */
function sortFindings(findings: Finding[]): Finding[] {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort((a, b) => text(a.file, b.file) || a.span.start.line - b.span.start.line || a.span.start.character - b.span.start.character
    || text(a.rule, b.rule) || text(a.message, b.message));
}

/** --config FILE, else the nearest .fabric-lens.json above the first PATH (or in the working directory). */
function loadConfig(args: CheckArgs): ProjectConfig | undefined | string {
  const file = args.config ?? findConfig(args.paths[0] ?? '.');
  if (!file) return undefined;
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { return `cannot read config ${file}: ${(e as Error).message}`; }
  const c = parseConfig(text);
  return typeof c === 'string' ? `invalid config ${file}: ${c}` : c;
}

function findConfig(from: string): string | undefined {
  let dir = resolve(from);
  for (let i = 0; i < 64; i++) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** --topology FILE and --device-map FILE|inline, or a message for exit 2. */
function loadFabricOptions(args: CheckArgs): { topology?: Topology; deviceMap?: DeviceMap } | string {
  const out: { topology?: Topology; deviceMap?: DeviceMap } = {};
  if (args.topology) {
    let text: string;
    try { text = readFileSync(args.topology, 'utf8'); } catch (e) { return `cannot read topology ${args.topology}: ${(e as Error).message}`; }
    const r = parseTopologyText(text);
    if (!r.topology) return `invalid topology ${args.topology}:\n${r.errors.map((e) => `  ${formatIssue(e)}`).join('\n')}`;
    out.topology = r.topology;
  }
  if (args.deviceMap) {
    let text = args.deviceMap;
    if (existsSync(text)) {
      try { text = readFileSync(text, 'utf8'); } catch (e) { return `cannot read device map ${args.deviceMap}: ${(e as Error).message}`; }
    }
    const r = parseDeviceMap(text);
    if (!r.ok) return r.error;
    out.deviceMap = r.map;
  }
  return out;
}
