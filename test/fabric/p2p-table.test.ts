// Table of P2P cases (fixture, provider, clients -> expected kernel verdict and beyond-kernel facts), checked by one helper.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyP2P, hex, reportToJson, validateTopology } from '../../src/engine/fabric';
import { fixtureText, loadTopology, TOPOLOGIES } from './helpers';

interface Expect {
  mapType: 'BUS_ADDR' | 'THRU_HOST_BRIDGE' | 'NOT_SUPPORTED';
  distance: number;
  acsRedirect?: boolean;
  reachesIommu?: boolean;
  programAddress?: 'pci-bus-address' | 'iova' | 'cpu-physical' | 'none';
  path?: string[];
  clients?: Array<{ mapType: Expect['mapType']; distance: number }>;
  /** Provider BAR bus addresses, in BAR order. */
  busAddresses?: string[];
  /** Substrings that must appear in the reasoning steps of the worst client. */
  steps?: string[];
}

interface Case {
  name: string;
  fixture: string;
  patch?: Record<string, unknown>;
  provider: string;
  clients: string[];
  expect: Expect;
}

const b = (s: string) => `0000:${s}`;
const TR_DISABLED = { iommu: { mode: 'translated', acsRedirect: 'disabled' } };

const CASES: Case[] = [
  { name: 'same switch, no ACS capability: BUS_ADDR distance 4', fixture: 'switch-no-acs.fabric.json', provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'BUS_ADDR', distance: 4, acsRedirect: false, reachesIommu: false, programAddress: 'pci-bus-address',
      path: [b('03:00.0'), b('02:00.0'), b('01:00.0'), b('02:01.0'), b('04:00.0')], busAddresses: ['0x4000000000', '0x4800000000'],
      steps: ['common upstream node 0000:01:00.0', 'PCI_P2PDMA_MAP_BUS_ADDR'] } },
  { name: 'provider == client: BUS_ADDR distance 0', fixture: 'switch-no-acs.fabric.json', provider: b('03:00.0'), clients: [b('03:00.0')],
    expect: { mapType: 'BUS_ADDR', distance: 0, acsRedirect: false, path: [b('03:00.0')], programAddress: 'pci-bus-address' } },
  { name: 'same switch with RR, allowlisted Skylake-E: THRU_HOST_BRIDGE', fixture: 'switch-rr-allowlisted.fabric.json', provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 4, acsRedirect: true, reachesIommu: true, programAddress: 'iova',
      path: [b('03:00.0'), b('02:00.0'), b('01:00.0'), b('00:01.0'), b('01:00.0'), b('02:01.0'), b('04:00.0')],
      steps: ['ACS redirect on 0000:02:00.0', 'ACS redirect on 0000:02:01.0', '8086:2020 (Intel Skylake-E) is in pci_p2pdma_whitelist[]'] } },
  { name: 'same switch with RR, IOMMU passthrough: CPU physical address', fixture: 'switch-rr-allowlisted.fabric.json',
    patch: { iommu: { mode: 'passthrough', acsRedirect: 'disabled' } }, provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 4, reachesIommu: true, programAddress: 'cpu-physical' } },
  { name: 'same switch with RR, no IOMMU: CPU physical, never reaches an IOMMU', fixture: 'switch-rr-allowlisted.fabric.json',
    patch: { iommu: { mode: 'off', acsRedirect: 'disabled' } }, provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 4, acsRedirect: true, reachesIommu: false, programAddress: 'cpu-physical' } },
  { name: 'kernel-default ACS on an ACS-capable switch, root not allowlisted: NOT_SUPPORTED', fixture: 'switch-acs-unknown-root.fabric.json',
    provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'NOT_SUPPORTED', distance: -1, acsRedirect: true, reachesIommu: false, programAddress: 'none', path: [],
      steps: ['the kernel added SV RR CR UF', '1234:5678', 'not in pci_p2pdma_whitelist[]'] } },
  { name: 'same fixture with IOMMU off: the kernel does not enable ACS, BUS_ADDR', fixture: 'switch-acs-unknown-root.fabric.json',
    patch: { iommu: { mode: 'off', acsRedirect: 'kernel-default' } }, provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'BUS_ADDR', distance: 4, acsRedirect: false } },
  { name: 'same fixture on AMD family 0x17: cpu_supports_p2pdma()', fixture: 'switch-acs-unknown-root.fabric.json',
    patch: { cpu: { vendor: 'amd', family: 0x17 } }, provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 4, acsRedirect: true, programAddress: 'iova', steps: ['AMD family 0x17 >= 0x17'] } },
  { name: 'different root ports, allowlisted Intel root device', fixture: 'rootports-intel-allowlisted.fabric.json', provider: b('01:00.0'), clients: [b('02:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 4, acsRedirect: false, reachesIommu: true, programAddress: 'iova',
      path: [b('01:00.0'), b('00:02.0'), b('00:03.0'), b('02:00.0')], steps: ['no common upstream node'] } },
  { name: 'different root ports, AMD family 0x19', fixture: 'rootports-amd-zen3.fabric.json', provider: b('01:00.0'), clients: [b('02:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 4, acsRedirect: false, programAddress: 'iova' } },
  { name: 'different root ports, AMD family 0x16 (pre-Zen)', fixture: 'rootports-amd-zen3.fabric.json', patch: { cpu: { vendor: 'amd', family: 0x16 } },
    provider: b('01:00.0'), clients: [b('02:00.0')], expect: { mapType: 'NOT_SUPPORTED', distance: -1, programAddress: 'none' } },
  { name: 'different root ports, unknown host bridge', fixture: 'rootports-unknown-bridge.fabric.json', provider: b('01:00.0'), clients: [b('02:00.0')],
    expect: { mapType: 'NOT_SUPPORTED', distance: -1, acsRedirect: false, reachesIommu: false, programAddress: 'none', path: [] } },
  { name: 'Haswell REQ_SAME_HOST_BRIDGE, same bridge', fixture: 'rootports-haswell-two-bridges.fabric.json', provider: b('01:00.0'), clients: [b('02:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 4, steps: ['REQ_SAME_HOST_BRIDGE (satisfied'] } },
  { name: 'Haswell REQ_SAME_HOST_BRIDGE, different bridges', fixture: 'rootports-haswell-two-bridges.fabric.json', provider: b('01:00.0'), clients: [b('81:00.0')],
    expect: { mapType: 'NOT_SUPPORTED', distance: -1, steps: ['under different host bridges'] } },
  { name: 'two functions under a root port with ACS (RP is the common node)', fixture: 'multifunction-rp-acs.fabric.json', provider: b('01:00.0'), clients: [b('01:00.1')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 2, acsRedirect: true, path: [b('01:00.0'), b('00:01.0'), b('01:00.1')],
      steps: ['ACS redirect on 0000:00:01.0 (root-port, common node)'] } },
  { name: 'two functions with ACS redirect disabled: BUS_ADDR distance 2', fixture: 'multifunction-rp-acs.fabric.json', patch: TR_DISABLED,
    provider: b('01:00.0'), clients: [b('01:00.1')], expect: { mapType: 'BUS_ADDR', distance: 2, acsRedirect: false, path: [b('01:00.0'), b('00:01.0'), b('01:00.1')] } },
  { name: 'provider == client with ACS redirect on itself (quirk): THRU_HOST_BRIDGE distance 0', fixture: 'multifunction-rp-acs.fabric.json',
    provider: b('01:00.0'), clients: [b('01:00.0')], expect: { mapType: 'THRU_HOST_BRIDGE', distance: 0, acsRedirect: true } },
  { name: 'VF and its PF below a switch without ACS', fixture: 'vf-pf.fabric.json', provider: b('03:00.1'), clients: [b('03:00.0')],
    expect: { mapType: 'BUS_ADDR', distance: 2, path: [b('03:00.1'), b('02:00.0'), b('03:00.0')], reachesIommu: false, programAddress: 'pci-bus-address',
      steps: ['a VF: pci_upstream_bridge() continues from its PF 0000:03:00.0'] } },
  { name: 'VF and PF of an RC-integrated device: no upstream bridge at all', fixture: 'vf-pf.fabric.json', provider: b('00:04.1'), clients: [b('00:04.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 2, programAddress: 'cpu-physical', path: [b('00:04.1'), b('00:04.0')] } },
  { name: 'nested switches, same inner switch', fixture: 'nested-switches.fabric.json', provider: b('05:00.0'), clients: [b('06:00.0')],
    expect: { mapType: 'BUS_ADDR', distance: 4, path: [b('05:00.0'), b('04:00.0'), b('03:00.0'), b('04:01.0'), b('06:00.0')] } },
  { name: 'nested switches, outer switch with ACS on the client side', fixture: 'nested-switches.fabric.json', provider: b('05:00.0'), clients: [b('07:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 6, acsRedirect: true } },
  { name: 'several clients: sum of distances, worst client on top', fixture: 'nested-switches.fabric.json', provider: b('05:00.0'), clients: [b('06:00.0'), b('07:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 10, clients: [{ mapType: 'BUS_ADDR', distance: 4 }, { mapType: 'THRU_HOST_BRIDGE', distance: 6 }] } },
  { name: 'several clients, one unsupported: -1', fixture: 'nested-switches.fabric.json', provider: b('05:00.0'), clients: [b('06:00.0'), b('81:00.0')],
    expect: { mapType: 'NOT_SUPPORTED', distance: -1, programAddress: 'none',
      clients: [{ mapType: 'BUS_ADDR', distance: 4 }, { mapType: 'NOT_SUPPORTED', distance: -1 }] } },
  { name: 'window offset: bus address differs from the CPU address', fixture: 'window-offset.fabric.json', provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'BUS_ADDR', distance: 4, programAddress: 'pci-bus-address', busAddresses: ['0x80100000', '0x90000000'],
      steps: ['CPU 0x300000100000 - offset 0x2fff80000000 = bus 0x80100000'] } },
  { name: 'window offset host, different root ports on arm: NOT_SUPPORTED', fixture: 'window-offset.fabric.json', provider: b('03:00.0'), clients: [b('05:00.0')],
    expect: { mapType: 'NOT_SUPPORTED', distance: -1, steps: ['1def:e100'] } },
  { name: 'sample: GPU -> RDMA NIC on the same switch with kernel-default ACS', fixture: 'sample.fabric.json', provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'THRU_HOST_BRIDGE', distance: 4, acsRedirect: true, reachesIommu: true, programAddress: 'iova' } },
  { name: 'sample with ACS redirect disabled: GPU -> RDMA NIC is BUS_ADDR', fixture: 'sample.fabric.json', patch: TR_DISABLED, provider: b('03:00.0'), clients: [b('04:00.0')],
    expect: { mapType: 'BUS_ADDR', distance: 4, reachesIommu: false, programAddress: 'pci-bus-address' } },
  { name: 'sample: GPU -> NIC on the other socket (Haswell REQ_SAME_HOST_BRIDGE)', fixture: 'sample.fabric.json', provider: b('03:00.0'), clients: [b('81:00.0')],
    expect: { mapType: 'NOT_SUPPORTED', distance: -1, programAddress: 'none' } },
];

function check(c: Case): void {
  const r = classifyP2P(loadTopology(c.fixture, c.patch), c.provider, c.clients);
  assert.ok(r.ok, r.ok ? '' : r.error);
  const rep = r.report;
  const e = c.expect;
  assert.equal(rep.mapType, e.mapType, 'mapType');
  assert.equal(rep.distance, e.distance, 'distance');
  if (e.acsRedirect !== undefined) assert.equal(rep.acsRedirect, e.acsRedirect, 'acsRedirect');
  if (e.reachesIommu !== undefined) assert.equal(rep.reachesIommu, e.reachesIommu, 'reachesIommu');
  if (e.programAddress !== undefined) assert.equal(rep.programAddress, e.programAddress, 'programAddress');
  if (e.path !== undefined) assert.deepEqual(rep.path, e.path, 'path');
  if (e.clients !== undefined) assert.deepEqual(rep.clients.map((x) => ({ mapType: x.mapType, distance: x.distance })), e.clients, 'clients');
  if (e.busAddresses !== undefined) assert.deepEqual(rep.bars.map((x) => hex(x.busAddress)), e.busAddresses, 'bus addresses');
  const worst = rep.clients.find((x) => x.bdf === rep.worstClient);
  const text = (worst?.steps ?? []).map((s) => s.text).join('\n');
  for (const s of e.steps ?? []) assert.ok(text.includes(s), `steps should mention "${s}":\n${text}`);
  assert.deepEqual(Object.keys(reportToJson(rep)), ['provider', 'mapType', 'distance', 'acsRedirect', 'reachesIommu', 'programAddress', 'path', 'clients']);
}

for (const c of CASES) test(`p2p: ${c.name}`, () => check(c));

test('p2p: unknown BDFs and an empty client list are errors', () => {
  const t = loadTopology('switch-no-acs.fabric.json');
  const r1 = classifyP2P(t, '0000:09:00.0', ['0000:04:00.0']);
  assert.ok(!r1.ok && r1.error.includes('unknown provider BDF 0000:09:00.0'));
  const r2 = classifyP2P(t, '0000:03:00.0', ['0000:04:00.7']);
  assert.ok(!r2.ok && r2.error.includes('unknown client BDF 0000:04:00.7'));
  const r3 = classifyP2P(t, '0000:03:00.0', []);
  assert.ok(!r3.ok);
  const r4 = classifyP2P(t, '03:00.0', ['04:00.0']);
  assert.ok(r4.ok && r4.report.provider === '0000:03:00.0', 'domain-less BDFs default to segment 0000');
});

test('p2p: a VF follows its physfn even when listed elsewhere (pci_upstream_bridge() uses pci_physfn())', () => {
  const json = JSON.parse(fixtureText(TOPOLOGIES, 'vf-pf.fabric.json'));
  const pf = json.hostBridges[0].devices[0].children[0].children[0].children[0];
  const vf = pf.functions.pop();
  json.hostBridges[0].devices.push(vf);
  const r = validateTopology(json);
  assert.ok(r.topology, r.errors.map((e) => e.message).join('; '));
  const p = classifyP2P(r.topology, '0000:03:00.1', ['0000:03:00.0']);
  assert.ok(p.ok);
  assert.equal(p.report.mapType, 'BUS_ADDR');
  assert.deepEqual(p.report.path, ['0000:03:00.1', '0000:02:00.0', '0000:03:00.0']);
});
