// lspci import: this VM's real pciutils 3.9 output and hand-written samples in the exact pciutils format.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyP2P, importLspci, indexTopology, parseLspciTree, validateTopology, topologyToJson } from '../../src/engine/fabric';
import type { Topology } from '../../src/engine/fabric';
import { fixtureText, LSPCI } from './helpers';

const read = (f: string) => fixtureText(LSPCI, f);

function roundTrips(t: Topology): void {
  const r = validateTopology(JSON.parse(JSON.stringify(topologyToJson(t))));
  assert.deepEqual(r.errors, [], 'imported topology must validate');
}

test('lspci: this machine (lspci -nn -vvv + -tv)', () => {
  const r = importLspci(read('vm-lspci-nn-vvv.txt'), { tree: read('vm-lspci-tv.txt') });
  roundTrips(r.topology);
  assert.equal(r.deviceCount, 6);
  assert.deepEqual(r.topology.hostBridges.map((h) => h.id), ['pci0000:00']);
  const devs = r.topology.hostBridges[0].devices;
  assert.deepEqual(devs.map((d) => d.bdf), ['0000:00:00.0', '0000:00:01.0', '0000:00:02.0', '0000:00:03.0', '0000:00:04.0', '0000:00:05.0']);
  assert.equal(devs[0].type, 'rc-integrated');
  assert.equal(devs[0].vendor, '8086');
  assert.equal(devs[2].vendor, '1af4');
  assert.equal(devs[2].device, '1042');
  assert.deepEqual(devs[1].bars, [{ index: 0, cpuAddress: 0x4000000000n, size: 512n * 1024n, is64: true, prefetchable: false }]);
  assert.ok(r.notes.some((n) => n.includes('window offset 0')));
});

test('lspci: this machine without -nn has no IDs and says so', () => {
  const r = importLspci(read('vm-lspci-vvv.txt'));
  roundTrips(r.topology);
  assert.equal(r.deviceCount, 6);
  assert.equal(r.topology.hostBridges[0].devices[1].vendor, undefined);
  assert.equal(r.topology.hostBridges[0].devices[1].bars[0].cpuAddress, 0x4000000000n);
  assert.ok(r.notes.some((n) => n.includes('without -nn')));
});

test('lspci: hand-written switch + SR-IOV sample, with the -tv tree', () => {
  const r = importLspci(read('switch-sriov-nn-vvv.txt'), { tree: read('switch-sriov-tv.txt') });
  roundTrips(r.topology);
  const ix = indexTopology(r.topology);
  const type = (b: string) => ix.byBdf.get(b)?.node.type;
  const parent = (b: string) => ix.byBdf.get(b)?.parent?.bdf;
  assert.equal(type('0000:00:03.0'), 'root-port');
  assert.equal(type('0000:02:00.0'), 'switch-upstream');
  assert.equal(type('0000:03:08.0'), 'switch-downstream');
  assert.equal(type('0000:03:10.0'), 'switch-downstream');
  assert.equal(type('0000:04:00.0'), 'endpoint');
  assert.equal(parent('0000:02:00.0'), '0000:00:03.0');
  assert.equal(parent('0000:03:08.0'), '0000:02:00.0');
  assert.equal(parent('0000:04:00.0'), '0000:03:08.0');
  assert.equal(parent('0000:05:00.1'), '0000:03:10.0');
  assert.equal(parent('0000:01:00.0'), '0000:00:01.0');
  const gpu = ix.byBdf.get('0000:04:00.0')?.node;
  assert.deepEqual(gpu?.bars.map((b) => [b.index, b.cpuAddress, b.size, b.is64, b.prefetchable]), [
    [0, 0x90000000n, 16n << 20n, false, false], [1, 0x38000000000n, 16n << 30n, true, true], [3, 0x38400000000n, 32n << 20n, true, true]]);
  const dsp8 = ix.byBdf.get('0000:03:08.0')?.node;
  assert.deepEqual(dsp8?.acs, { cap: true, ctrl: ['SV', 'RR', 'CR', 'UF'], capBits: ['SV', 'RR', 'CR', 'UF', 'EC', 'DT'] });
  assert.deepEqual(ix.byBdf.get('0000:03:10.0')?.node.acs?.ctrl, []);
  const pf = ix.byBdf.get('0000:05:00.0')?.node;
  assert.deepEqual(pf?.bars.map((b) => b.index), [0], 'SR-IOV VF BAR lines inside the capability are not PF BARs');
  const vf = ix.byBdf.get('0000:05:00.1')?.node;
  assert.equal(vf?.physfn, '0000:05:00.0');
  assert.equal(vf?.bars[0]?.cpuAddress, 0x38484000000n, '[virtual] VF BAR');
  assert.equal(r.topology.iommu.mode, 'translated');
  assert.equal(r.topology.iommu.acsRedirect, 'disabled');
  // Verdicts on the imported topology: the NIC's DSP has ACS off, the GPU's has RR on.
  const p = classifyP2P(r.topology, '0000:05:00.1', ['0000:05:00.0']);
  assert.ok(p.ok && p.report.mapType === 'BUS_ADDR' && p.report.distance === 2);
  const q = classifyP2P(r.topology, '0000:04:00.0', ['0000:05:00.0']);
  assert.ok(q.ok && q.report.mapType === 'THRU_HOST_BRIDGE' && q.report.acsRedirect, 'RR on 03:08.0; root 8086:2020 allowlisted');
});

test('lspci: without a tree, parents come from bridge bus numbers and match the tree', () => {
  const withTree = importLspci(read('switch-sriov-nn-vvv.txt'), { tree: read('switch-sriov-tv.txt') });
  const noTree = importLspci(read('switch-sriov-nn-vvv.txt'));
  assert.deepEqual(topologyToJson(noTree.topology), topologyToJson(withTree.topology));
});

test('lspci -tv parser: nested switches and several root buses', () => {
  const tree = [
    '-+-[0000:80]-+-00.0  Intel Corporation Device 09a2',
    ' |           \\-02.0-[81-83]----00.0-[82-83]--+-00.0-[83]----00.0  NVIDIA Corporation Device 2330',
    ' |                                           \\-04.0-[84]--',
    ' \\-[0000:00]-+-00.0  Intel Corporation Device 09a2',
    '             \\-01.0-[01]--+-00.0  Mellanox Technologies MT2892 Family [ConnectX-6 Dx]',
    '                          \\-00.1  Mellanox Technologies MT2892 Family [ConnectX-6 Dx]',
  ].join('\n');
  const p = parseLspciTree(tree);
  const m = new Map(p.map((x) => [x.bdf, x]));
  assert.equal(m.get('0000:80:00.0')?.parent, undefined);
  assert.equal(m.get('0000:80:00.0')?.rootBus, 0x80);
  assert.equal(m.get('0000:81:00.0')?.parent, '0000:80:02.0');
  assert.equal(m.get('0000:82:00.0')?.parent, '0000:81:00.0');
  assert.equal(m.get('0000:82:04.0')?.parent, '0000:81:00.0');
  assert.equal(m.get('0000:83:00.0')?.parent, '0000:82:00.0');
  assert.equal(m.get('0000:83:00.0')?.name, 'NVIDIA Corporation Device 2330');
  assert.equal(m.get('0000:01:00.1')?.parent, '0000:00:01.0');
  assert.equal(m.get('0000:01:00.1')?.rootBus, 0);
  assert.equal(p.length, 10);
});
