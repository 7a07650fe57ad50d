// Fabric-rule fixtures that need a topology: each directory of test-fixtures/fabric-rules holds topology.fabric.json,
// an optional device map (device-map.json, or device-map.txt in the CLI's inline form) and C files whose lines carry
//   dma_map_resource(...);   // expect: p2p-iova-through-switch (x86_64, arm64, powerpc64, riscv64) [error]
// (the severity in brackets is optional). All files of a directory are analysed together; other lines stay clean.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parseTopologyText } from '../../src/engine/fabric';
import { parseDeviceMap, type DeviceMap } from '../../src/engine/fabric-rules/device-map';
import { FABRIC_RULES } from '../../src/engine/fabric-rules';
import { FIXTURES, newProject } from '../helpers/project';

const ROOT = join(FIXTURES, 'fabric-rules');
const IDS = new Set(FABRIC_RULES.map((r) => r.id));
const EXPECT = /expect:\s*(.+?)\s*(?:\*\/)?\s*$/;

function cFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? cFiles(p) : /\.(c|h)$/.test(n) ? [p] : [];
  });
}

function expectations(file: string, text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (!m) return;
    for (const part of m[1].split(';').map((p) => p.trim()).filter(Boolean)) {
      const pm = /^([a-z0-9-]+)\s*(?:\(([^)]*)\))?\s*(?:\[(\w+)\])?$/.exec(part);
      if (!pm) throw new Error(`${file}:${i + 1}: cannot read expectation '${part}'`);
      const arches = (pm[2] ?? '').split(',').map((a) => a.trim()).filter(Boolean).sort().join(', ');
      out.push(`${relative(ROOT, file)}:${i + 1}: ${pm[1]} (${arches})${pm[3] ? ` [${pm[3]}]` : ''}`);
    }
  });
  return out;
}

function deviceMapIn(dir: string): DeviceMap | undefined {
  for (const name of ['device-map.json', 'device-map.txt']) {
    const p = join(dir, name);
    if (!existsSync(p)) continue;
    const r = parseDeviceMap(readFileSync(p, 'utf8'));
    if (!r.ok) throw new Error(r.error);
    return r.map;
  }
  return undefined;
}

for (const name of readdirSync(ROOT).sort()) {
  const dir = join(ROOT, name);
  if (!statSync(dir).isDirectory()) continue;
  test(`fabric-rule topology fixture ${name}`, async () => {
    const parsed = parseTopologyText(readFileSync(join(dir, 'topology.fabric.json'), 'utf8'));
    assert.ok(parsed.topology, `topology of ${name} is invalid: ${JSON.stringify(parsed.errors)}`);
    const files = cFiles(dir);
    const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
    const project = await newProject();
    for (const [f, t] of texts) project.setFile(f, t);
    const findings = project.check(files, { topology: parsed.topology, deviceMap: deviceMapIn(dir), lineText: (f, l) => texts.get(f)?.split(/\r?\n/)[l] });
    const expected = files.flatMap((f) => expectations(f, texts.get(f)!)).sort();
    const withSeverity = new Set(expected.filter((e) => e.endsWith(']')).map((e) => e.replace(/ \[\w+\]$/, '')));
    const actual = findings.filter((f) => IDS.has(f.rule)).map((f) => {
      const key = `${relative(ROOT, f.file)}:${f.span.start.line + 1}: ${f.rule} (${[...f.arches].sort().join(', ')})`;
      return withSeverity.has(key) ? `${key} [${f.severity}]` : key;
    }).sort();
    assert.deepEqual(actual, expected);
  });
}
