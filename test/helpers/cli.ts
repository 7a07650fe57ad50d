// Runs the real CLI entry points (`node dist/cli.js`, `node bin/fabric-lens.js`) as child processes, with a timeout.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, REPO } from './project';

export const ENTRIES = {
  'dist/cli.js': join(DIST, 'cli.js'),
  'bin/fabric-lens.js': join(REPO, 'bin', 'fabric-lens.js'),
} as const;

export type Entry = keyof typeof ENTRIES;

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }

export function runCli(args: string[], options: { entry?: Entry; cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliResult> {
  return runScript(ENTRIES[options.entry ?? 'dist/cli.js'], args, options);
}

/** `node SCRIPT ARGS...` (SCRIPT may be a symlink, as npm's node_modules/.bin entries are). */
export function runScript(script: string, args: string[], options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd ?? REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr, ms: performance.now() - started }); });
  });
}

/** The JSON contract of `fabric-lens check --format json` (version 1). */
export interface JsonReport {
  version: number;
  files: number;
  diagnostics: {
    file: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    rule: string;
    severity: string;
    arches: string[];
    message: string;
    function: string;
  }[];
}

export function parseReport(r: CliResult): JsonReport {
  try {
    return JSON.parse(r.stdout) as JsonReport;
  } catch (e) {
    throw new Error(`stdout is not JSON (${(e as Error).message}); exit ${r.code}; stdout: ${r.stdout.slice(0, 500)}; stderr: ${r.stderr.slice(0, 500)}`);
  }
}

/** A temp dir for one test, removed by the returned cleanup. */
export function tempDir(prefix = 'fabric-lens-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
