// Shared helpers for the fabric tests: repository paths and fixture loading.

import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTopologyText, validateTopology, formatIssue } from '../../src/engine/fabric';
import type { Topology } from '../../src/engine/fabric';

/** Tests run from build/test/fabric/*.js; the repository root is three levels up. */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const TOPOLOGIES = join(ROOT, 'test-fixtures', 'topologies');
export const LSPCI = join(ROOT, 'test-fixtures', 'lspci');

export function fixtureText(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

/** Loads a topology fixture, optionally shallow-merging top-level keys (e.g. a different `iommu`). */
export function loadTopology(name: string, patch?: Record<string, unknown>): Topology {
  const json = JSON.parse(fixtureText(TOPOLOGIES, name)) as Record<string, unknown>;
  const r = patch ? validateTopology({ ...json, ...patch }) : parseTopologyText(JSON.stringify(json));
  if (!r.topology) throw new Error(`${name}: ${r.errors.map(formatIssue).join('; ')}`);
  return r.topology;
}

export function validFixtureNames(): string[] {
  return readdirSync(TOPOLOGIES).filter((f) => f.endsWith('.fabric.json')).sort();
}

export interface CapturedIo {
  out: string;
  err: string;
  io: { stdout: (s: string) => void; stderr: (s: string) => void };
}

export function captureIo(): CapturedIo {
  const c: CapturedIo = { out: '', err: '', io: { stdout: (s) => { c.out += s; }, stderr: (s) => { c.err += s; } } };
  return c;
}
