// Topology validation: every valid fixture and the sample pass; malformed files name the JSON path and line; schema shape.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  effectiveAcsCtrl, formatIssue, parseTopologyText, sampleTopology, SAMPLE_TOPOLOGY_JSON, validateTopology,
} from '../../src/engine/fabric';
import type { PciNode } from '../../src/engine/fabric';
import { fixtureText, ROOT, TOPOLOGIES, validFixtureNames } from './helpers';

test('validate: every test-fixtures/topologies/*.fabric.json is valid', () => {
  const names = validFixtureNames();
  assert.ok(names.length >= 10, `expected the fixture set, got ${names.join(', ')}`);
  for (const name of names) {
    const r = parseTopologyText(fixtureText(TOPOLOGIES, name));
    assert.deepEqual(r.errors.map(formatIssue), [], name);
    assert.ok(r.topology, name);
  }
});

test('validate: the bundled sample is the fixture file and matches issue 4 item 6', () => {
  assert.deepEqual(SAMPLE_TOPOLOGY_JSON, JSON.parse(fixtureText(TOPOLOGIES, 'sample.fabric.json')));
  const t = sampleTopology();
  assert.equal(t.hostBridges.length, 2);
  assert.equal(t.iommu.mode, 'translated');
  const all: PciNode[] = [];
  const walk = (n: PciNode) => { all.push(n); n.functions.forEach(walk); n.children.forEach(walk); };
  t.hostBridges.forEach((hb) => hb.devices.forEach(walk));
  const usp = all.find((n) => n.type === 'switch-upstream');
  assert.ok(usp);
  const below = usp.children.flatMap((d) => d.children.map((e) => e.name));
  assert.deepEqual(below, ['gpu0', 'rdma0', 'nvme0']);
  const gpu = all.find((n) => n.name === 'gpu0');
  assert.ok(gpu?.bars.some((b) => b.prefetchable && b.is64));
  assert.equal(all.find((n) => n.name === 'nvme0')?.bars[0].prefetchable, false);
  const eth = all.find((n) => n.name === 'eth0');
  assert.ok(eth && t.hostBridges[1].devices[0].children.includes(eth), 'second NIC on its own root port under the other host bridge');
});

interface Bad {
  file: string;
  path: string;
  line?: number;
  message: string;
}

const MALFORMED: Bad[] = [
  { file: 'bar-size-not-hex.json', path: 'hostBridges[0].devices[0].children[0].children[1].children[0].bars[0].size', line: 83, message: 'expected a hex string' },
  { file: 'duplicate-bdf.json', path: 'hostBridges[0].devices[0].children[0].children[1].children[0].bdf', line: 74, message: 'duplicate BDF 0000:03:00.0' },
  { file: 'unknown-type.json', path: 'hostBridges[0].devices[0].children[0].children[0].type', line: 42, message: 'expected one of root-port' },
  { file: 'vf-missing-physfn.json', path: 'hostBridges[0].devices[0].children[0].children[1].children[0].physfn', line: 88, message: 'physfn 0000:09:00.0 does not exist' },
  { file: 'bad-acs-bit.json', path: 'hostBridges[0].devices[0].acs.ctrl[1]', line: 35, message: 'expected an ACS bit' },
  { file: 'bad-bdf.json', path: 'hostBridges[0].devices[0].children[0].bdf', line: 37, message: 'expected a BDF' },
  { file: 'missing-iommu.json', path: 'iommu', line: 1, message: 'missing required property' },
  { file: 'endpoint-with-children.json', path: 'hostBridges[0].devices[0].children[0].children[0].children[0].children', line: 66, message: 'cannot have children' },
  { file: 'window-not-hex.json', path: 'hostBridges[0].windows[0].cpuStart', line: 22, message: 'expected a hex string' },
  { file: 'syntax-error.json', path: '', line: 15, message: 'invalid JSON' },
];

for (const b of MALFORMED) {
  test(`validate: ${b.file} -> ${b.path || '<document>'}`, () => {
    const r = parseTopologyText(fixtureText(join(TOPOLOGIES, 'malformed'), b.file));
    assert.equal(r.topology, undefined);
    const hit = r.errors.find((e) => e.path === b.path && e.message.includes(b.message));
    assert.ok(hit, `no error at ${b.path} containing "${b.message}"; got:\n${r.errors.map(formatIssue).join('\n')}`);
    if (b.line !== undefined) assert.equal(hit.line, b.line, formatIssue(hit));
    const text = formatIssue(hit);
    assert.ok(text.startsWith(b.path ? `${b.path}: ` : '<document>: '), text);
    if (b.line !== undefined) assert.ok(text.includes(`line ${b.line}`), text);
  });
}

test('validate: the issue 4 example form is accepted as written', () => {
  const text = `{"cpu":{"vendor":"intel","family":25},
 "iommu":{"mode":"translated","acsRedirect":"kernel-default"},
 "hostBridges":[{"id":"pci0000:00","segment":0,"rootBus":0,
   "rootDevice":{"vendor":"8086","device":"2020"},
   "windows":[{"cpuStart":"0x4000000000","busStart":"0x4000000000","size":"0x1000000000"}],
   "devices":[
     {"bdf":"0000:00:01.0","type":"root-port","acs":{"cap":true,"ctrl":["SV","RR","CR","UF"]},
      "children":[
        {"bdf":"0000:01:00.0","type":"switch-upstream","children":[
          {"bdf":"0000:02:00.0","type":"switch-downstream","acs":{"cap":true,"ctrl":[]},"children":[
            {"bdf":"0000:03:00.0","type":"endpoint","name":"gpu0","vendor":"10de","device":"2330",
             "bars":[{"index":0,"cpuAddress":"0x4000000000","size":"0x1000000","prefetchable":false,"is64":true}]}]}]}]}]}]}`;
  const r = parseTopologyText(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings, []);
  const bar = r.topology?.hostBridges[0].devices[0].children[0].children[0].children[0].bars[0];
  assert.equal(bar?.cpuAddress, 0x4000000000n);
  assert.equal(typeof bar?.size, 'bigint');
});

test('validate: without line information (plain value) the path is still named', () => {
  const r = validateTopology({ cpu: { vendor: 'intel' }, iommu: { mode: 'sideways' }, hostBridges: [] });
  assert.deepEqual(r.errors.map((e) => [e.path, e.line]), [['iommu.mode', undefined]]);
});

test('validate: unknown properties are warnings, not errors', () => {
  const r = validateTopology({ cpu: { vendor: 'amd', family: '0x19' }, iommu: { mode: 'off' }, hostBridges: [], colour: 'blue' });
  assert.ok(r.topology);
  assert.equal(r.topology.cpu.family, 0x19);
  assert.deepEqual(r.warnings.map((w) => w.path), ['colour']);
});

test('acs: kernel-default adds SV RR CR UF only on ACS-capable nodes and only bits the capability advertises', () => {
  const node = (acs?: PciNode['acs']): PciNode => ({ bdf: '0000:00:01.0', type: 'root-port', bars: [], children: [], functions: [], ...(acs ? { acs } : {}) });
  assert.deepEqual(effectiveAcsCtrl(node({ cap: true, ctrl: [] }), true), ['SV', 'RR', 'CR', 'UF']);
  assert.deepEqual(effectiveAcsCtrl(node({ cap: true, ctrl: ['EC'] }), true), ['SV', 'RR', 'CR', 'UF', 'EC']);
  assert.deepEqual(effectiveAcsCtrl(node({ cap: true, ctrl: [], capBits: ['SV', 'UF'] }), true), ['SV', 'UF']);
  assert.deepEqual(effectiveAcsCtrl(node({ cap: true, ctrl: ['RR'] }), false), ['RR']);
  assert.deepEqual(effectiveAcsCtrl(node({ cap: false, ctrl: ['RR'] }), true), [], 'no acs_cap: ctrl is never read');
  assert.deepEqual(effectiveAcsCtrl(node(), true), []);
});

test('schema: valid draft-07 JSON with the required top-level properties', () => {
  const schema = JSON.parse(fixtureText(join(ROOT, 'schemas'), 'topology.schema.json')) as Record<string, any>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(schema.required, ['cpu', 'iommu', 'hostBridges']);
  for (const k of ['cpu', 'iommu', 'hostBridges']) assert.ok(schema.properties[k], k);
  assert.deepEqual(schema.definitions.device.properties.type.enum, ['root-port', 'switch-upstream', 'switch-downstream', 'endpoint', 'rc-integrated', 'bridge']);
  const pkg = JSON.parse(fixtureText(ROOT, 'package.json')) as Record<string, any>;
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '*.fabric.json', url: './schemas/topology.schema.json' }]);
  // Every property the validator reads on a device is declared in the schema.
  for (const k of ['bdf', 'type', 'name', 'vendor', 'device', 'classCode', 'acs', 'bars', 'children', 'functions', 'physfn']) {
    assert.ok(schema.definitions.device.properties[k], `schema lacks device.${k}`);
  }
});
