// `npm run bench -- DIR`: parse-only versus full analysis over the same C files, side by side in one run (the npm
// script gives node the CLI's 64 MB semi-spaces, src/cli/heap.ts, so the full analysis runs as `check` runs it).
import { readFileSync } from 'node:fs';
import { collectFiles } from '../cli/collect-files';
import { Project } from '../engine/project';
import { ARCHES } from '../engine/arch';

interface Source { path: string; text: string }

function load(dir: string): Source[] {
  const { files } = collectFiles([dir]);
  const out: Source[] = [];
  for (const path of files) {
    const buf = readFileSync(path);
    if (!buf.subarray(0, 8192).includes(0)) out.push({ path, text: buf.toString('utf8') });
  }
  return out;
}

function parseOnly(project: Project, sources: Source[]): number {
  const t0 = performance.now();
  for (const s of sources) project.parser.parse(s.text)?.delete();
  return performance.now() - t0;
}

function fullAnalysis(project: Project, sources: Source[]): { ms: number; findings: number; indexMs: number; checkMs: number } {
  const t0 = performance.now();
  for (const s of sources) project.setFile(s.path, s.text);
  const t1 = performance.now();
  const findings = project.check(sources.map((s) => s.path), { arches: ARCHES }).length;
  const t2 = performance.now();
  return { ms: t2 - t0, findings, indexMs: t1 - t0, checkMs: t2 - t1 };
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) { process.stderr.write('usage: npm run bench -- DIR\n'); process.exitCode = 2; return; }
  const sources = load(dir);
  const bytes = sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
  const parseProject = await Project.create(__dirname);
  parseOnly(parseProject, sources.slice(0, 200)); // warm up the wasm tiers before timing either side
  const parseMs = parseOnly(parseProject, sources);
  const project = await Project.create(__dirname);
  const full = fullAnalysis(project, sources);
  const mem = process.memoryUsage();
  const row = (k: string, v: string) => process.stdout.write(`${k.padEnd(28)}${v}\n`);
  row('files', String(sources.length));
  row('bytes', `${bytes} (${(bytes / 1e6).toFixed(1)} MB)`);
  row('parse only', `${(parseMs / 1000).toFixed(2)} s (${(bytes / 1e3 / parseMs).toFixed(2)} MB/s)`);
  row('full analysis', `${(full.ms / 1000).toFixed(2)} s (parse+index ${(full.indexMs / 1000).toFixed(2)} s, rules ${(full.checkMs / 1000).toFixed(2)} s)`);
  row('analysis / parse-only', `${(full.ms / parseMs).toFixed(2)}x`);
  row('findings', String(full.findings));
  row('peak heap / rss', `${(mem.heapUsed / 1e6).toFixed(0)} MB / ${(mem.rss / 1e6).toFixed(0)} MB`);
}

void main();
