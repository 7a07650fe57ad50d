// `fabric-lens check`: analyses all given files together and prints the findings; exit code per --fail-on.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, parseConfig, type ProjectConfig } from '../engine/config';
import { formatIssue, parseTopologyText, type Topology } from '../engine/fabric';
import { parseDeviceMap, type DeviceMap } from '../engine/fabric-rules/device-map';
import { Project } from '../engine/project';
import { checkProject, finishFindings, type CheckOptions } from '../engine/check';
import { SEVERITY_RANK, type Finding } from '../engine/findings';
import { CHECK_USAGE, parseCheckArgs, type CheckArgs, type FailOn } from './args';
import { collectFiles } from './collect-files';
import { kbuildArches } from './kbuild-tree';
import { formatJson, formatText } from './format';
import { IndexWorkers, type Indexed } from './parallel-index';
import { lineReader } from './read-source';
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
  const project = await Project.create(wasmDir);
  const analysed: string[] = [];
  const timing = process.env.FABRIC_LENS_TIMING ? phaseTimer(io) : undefined;
  const t0 = performance.now();
  const pool = await IndexWorkers.start(files, wasmDir, args.jobs);
  const indexed = pool.indexed;
  timing?.('parse+index', t0);
  for (const note of indexed.skipped) io.stderr(`fabric-lens: note: ${note}\n`);
  errors.push(...indexed.errors);
  const order: number[] = [];
  indexed.facts.forEach((facts, i) => {
    if (!facts) return;
    project.addFacts(facts);
    analysed.push(files[i]);
    order.push(i);
  });
  const t1 = performance.now();
  const options: CheckOptions = { arches, rules, lineText: lineReader(), ...fabric, buildArches: args.kbuild ? kbuildArches() : undefined };
  const findings = sortFindings(await checkOnWorkers(project, pool, indexed, files, order, options, args.kbuild));
  timing?.('rules', t1);
  io.stdout(args.format === 'json' ? `${formatJson(findings, analysed.length, (f) => f)}\n` : findings.length ? `${formatText(findings, (f) => f)}\n` : '');
  for (const e of errors) io.stderr(`fabric-lens: error: ${e}\n`);
  if (errors.length) return 2;
  return failed(findings, args.failOn) ? 1 : 0;
}

/** FABRIC_LENS_TIMING: a phase's wall time and the CPU time of all threads in it (wall is noisy on a shared machine). */
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

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start.line - b.span.start.line || a.span.start.character - b.span.start.character));
}

/**
 * The checks of Project.check, split: the workers run the per-function rules on their shares; then this thread takes
 * over what they extracted (bodies, member writers: what the project-wide rules would have found in a one-thread
 * run) and runs the project-wide rules. The lists are joined in file order as one thread would have produced them.
 */
async function checkOnWorkers(project: Project, pool: IndexWorkers, indexed: Indexed, files: string[], order: number[], options: CheckOptions, kbuild: boolean): Promise<Finding[]> {
  const first = new Map<string, number>();
  for (const i of order) if (!first.has(files[i])) first.set(files[i], i);
  const checked = await pool.checkFunctions(order, [...first.values()], { arches: options.arches, rules: options.rules, kbuild });
  project.index.callerCount(''); // index the declarations as they were before any function was extracted
  for (const bodies of checked.bodies) {
    for (const b of bodies) {
      const fn = indexed.facts[b.index]?.functions[b.fn];
      if (fn && !fn.body) fn.body = b.body;
    }
  }
  for (const keys of checked.writerKeys) project.index.replayWriters(keys);
  const wanted = [...first.keys()];
  const functionFindings = [...first.values()].flatMap((i) => checked.findings.get(i) ?? []);
  return finishFindings(project.index, [...functionFindings, ...checkProject(project.index, wanted, options)], options);
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
