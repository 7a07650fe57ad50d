// `fabric-lens topo ...`: p2p verdicts, lspci import, sysfs capture and tree display for topology files.

import { readFileSync, writeFileSync } from 'node:fs';
import {
  classifyP2P, formatIssue, importLspci, parseTopologyText, renderP2PText, renderTopologyText, reportToJson,
  sampleTopology, topologyToText, validateTopology, CPU_VENDORS, IOMMU_MODES, ACS_REDIRECT_POLICIES,
} from '../engine/fabric';
import type { AcsRedirectPolicy, CpuVendor, IommuMode, Topology } from '../engine/fabric';
import { captureSysfs } from './topo-capture';

export interface TopoIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

class UsageError extends Error {}

const USAGE = `usage:
  fabric-lens topo p2p --topology FILE|sample --provider BDF --client BDF [--client BDF ...] [--format text|json]
                       [--acs-redirect kernel-default|disabled]
  fabric-lens topo import --lspci FILE [--tree FILE] -o OUT.json [--cpu-vendor V] [--cpu-family N] [--iommu MODE]
  fabric-lens topo capture -o OUT.json
  fabric-lens topo show FILE|sample
`;

interface Parsed {
  flags: Map<string, string[]>;
  positional: string[];
}

const VALUE_FLAGS = new Set(['--topology', '--provider', '--client', '--format', '--lspci', '--tree', '-o', '--output',
  '--cpu-vendor', '--cpu-family', '--iommu', '--acs-redirect', '--sysfs-root', '--proc-root']);

function parseArgs(args: string[]): Parsed {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      const key = name === '--output' ? '-o' : name;
      flags.set(key, [...(flags.get(key) ?? []), value]);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a}`);
    } else positional.push(a);
  }
  return { flags, positional };
}

function one(p: Parsed, name: string, required: true): string;
function one(p: Parsed, name: string, required?: false): string | undefined;
function one(p: Parsed, name: string, required = false): string | undefined {
  const v = p.flags.get(name);
  if (required && (!v || v.length === 0)) throw new UsageError(`missing ${name}`);
  return v?.[v.length - 1];
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
}

/** Loads a topology file (or `sample`); returns an error message instead of throwing. */
export function loadTopologyFile(file: string): { topology?: Topology; error?: string; warnings: string[] } {
  if (file === 'sample') return { topology: sampleTopology(), warnings: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: `cannot read topology file ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`, warnings: [] };
  }
  const r = parseTopologyText(text);
  const warnings = r.warnings.map((w) => `${file}: warning: ${formatIssue(w)}`);
  if (!r.topology) return { error: `malformed topology ${file}:\n${r.errors.map((e) => `  ${formatIssue(e)}`).join('\n')}`, warnings };
  return { topology: r.topology, warnings };
}

function runP2p(p: Parsed, io: TopoIo): number {
  const file = one(p, '--topology');
  if (file === undefined) throw new UsageError('missing --topology FILE (use --topology sample for the bundled sample)');
  const provider = one(p, '--provider', true);
  const clients = p.flags.get('--client') ?? [];
  if (clients.length === 0) throw new UsageError('missing --client');
  const format = pick(one(p, '--format') ?? 'text', ['text', 'json'] as const, '--format');
  const acs = pick<AcsRedirectPolicy>(one(p, '--acs-redirect'), ACS_REDIRECT_POLICIES, '--acs-redirect');
  const loaded = loadTopologyFile(file);
  loaded.warnings.forEach((w) => io.stderr(`${w}\n`));
  if (!loaded.topology) {
    io.stderr(`fabric-lens topo p2p: ${loaded.error}\n`);
    return 2;
  }
  const topology = acs ? { ...loaded.topology, iommu: { ...loaded.topology.iommu, acsRedirect: acs } } : loaded.topology;
  const r = classifyP2P(topology, provider, clients);
  if (!r.ok) {
    io.stderr(`fabric-lens topo p2p: ${r.error}\n`);
    return 2;
  }
  io.stdout(format === 'json' ? `${JSON.stringify(reportToJson(r.report))}\n` : renderP2PText(r.report));
  return 0;
}

function writeTopology(out: string | undefined, t: Topology, io: TopoIo): number {
  const text = topologyToText(t);
  const check = validateTopology(JSON.parse(text));
  if (!check.topology) {
    io.stderr(`internal error: produced topology does not validate:\n${check.errors.map(formatIssue).join('\n')}\n`);
    return 1;
  }
  if (out === undefined || out === '-') io.stdout(text);
  else writeFileSync(out, text);
  return 0;
}

function runImport(p: Parsed, io: TopoIo): number {
  const lspciFile = one(p, '--lspci', true);
  const treeFile = one(p, '--tree');
  const read = (f: string) => readFileSync(f, 'utf8');
  let verbose: string;
  let tree: string | undefined;
  try {
    verbose = read(lspciFile);
    tree = treeFile === undefined ? undefined : read(treeFile);
  } catch (e) {
    io.stderr(`fabric-lens topo import: cannot read input: ${(e as Error).message}\n`);
    return 2;
  }
  const vendor = pick<CpuVendor>(one(p, '--cpu-vendor'), CPU_VENDORS, '--cpu-vendor');
  const famText = one(p, '--cpu-family');
  const family = famText === undefined ? undefined : Number(famText);
  if (family !== undefined && !Number.isInteger(family)) throw new UsageError('--cpu-family must be an integer (e.g. 25 or 0x19)');
  const iommu = pick<IommuMode>(one(p, '--iommu'), IOMMU_MODES, '--iommu');
  const cpu = vendor ? (family === undefined ? { vendor } : { vendor, family }) : undefined;
  const r = importLspci(verbose, { tree, ...(cpu ? { cpu } : {}), ...(iommu ? { iommu } : {}) });
  if (r.deviceCount === 0) {
    io.stderr(`fabric-lens topo import: no devices found in ${lspciFile} (expected lspci -vvv output)\n`);
    return 2;
  }
  const out = one(p, '-o');
  const code = writeTopology(out, r.topology, io);
  io.stderr(`imported ${r.deviceCount} device(s) into ${r.topology.hostBridges.length} host bridge(s)${out && out !== '-' ? ` -> ${out}` : ''}\n`);
  r.notes.forEach((n) => io.stderr(`note: ${n}\n`));
  return code;
}

function runCapture(p: Parsed, io: TopoIo): number {
  const r = captureSysfs({ sysfsRoot: one(p, '--sysfs-root'), procRoot: one(p, '--proc-root') });
  const out = one(p, '-o');
  const devices = r.topology.hostBridges.reduce((n, hb) => n + countNodes(hb.devices), 0);
  if (devices === 0) {
    io.stderr(`fabric-lens topo capture: no PCI devices found\n${r.problems.map((x) => `  ${x}\n`).join('')}`);
    return 2;
  }
  const code = writeTopology(out, r.topology, io);
  io.stderr(`captured ${devices} device(s) into ${r.topology.hostBridges.length} host bridge(s)${out && out !== '-' ? ` -> ${out}` : ''}\n`);
  r.problems.forEach((x) => io.stderr(`could not read: ${x}\n`));
  return code;
}

function countNodes(nodes: Topology['hostBridges'][number]['devices']): number {
  return nodes.reduce((n, d) => n + 1 + countNodes(d.functions) + countNodes(d.children), 0);
}

function runShow(p: Parsed, io: TopoIo): number {
  const file = p.positional[0] ?? one(p, '--topology');
  if (file === undefined) throw new UsageError('missing FILE');
  const loaded = loadTopologyFile(file);
  loaded.warnings.forEach((w) => io.stderr(`${w}\n`));
  if (!loaded.topology) {
    io.stderr(`fabric-lens topo show: ${loaded.error}\n`);
    return 2;
  }
  io.stdout(renderTopologyText(loaded.topology));
  return 0;
}

const COMMANDS: Record<string, (p: Parsed, io: TopoIo) => number> = {
  p2p: runP2p, import: runImport, capture: runCapture, show: runShow,
};

/** Entry point for `fabric-lens topo <command>`; returns the exit code (2 for usage and input errors). */
export async function runTopo(args: string[], io: TopoIo): Promise<number> {
  const [cmd, ...rest] = args;
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    (cmd === undefined ? io.stderr : io.stdout)(USAGE);
    return cmd === undefined ? 2 : 0;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    io.stderr(`fabric-lens topo: unknown command "${cmd}"\n${USAGE}`);
    return 2;
  }
  try {
    return run(parseArgs(rest), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`fabric-lens topo ${cmd}: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
