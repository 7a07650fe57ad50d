// `topo capture` against a fake sysfs tree (devices, resource files, config space with ACS, physfn links, iommu groups).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { captureSysfs, parseResourceFile } from '../../src/cli/topo-capture';
import { runTopo } from '../../src/cli/topo';
import { classifyP2P, indexTopology, parseConfigSpace, parseTopologyText } from '../../src/engine/fabric';
import { captureIo } from './helpers';

type PortType = 'rp' | 'usp' | 'dsp' | 'ep';
const PCIE_TYPE: Record<PortType, number> = { rp: 4, usp: 5, dsp: 6, ep: 0 };

/** Config space: header, PCIe cap at 0x40, optional ACS ext cap at 0x100 (after a dummy AER cap at 0x100 -> ACS at 0x148). */
function config(type: PortType, acs?: { cap: number; ctrl: number }, size = 4096): Buffer {
  const b = Buffer.alloc(4096);
  b.writeUInt16LE(0x8086, 0);
  b.writeUInt16LE(0x0010, 6); // status: capability list
  b[0x0e] = type === 'ep' ? 0 : 1;
  b[0x34] = 0x40;
  b[0x40] = 0x10;
  b[0x41] = 0;
  b.writeUInt16LE(0x2 | (PCIE_TYPE[type] << 4), 0x42);
  {
    b.writeUInt32LE(0x0001 | (1 << 16) | ((acs ? 0x148 : 0) << 20), 0x100); // AER, next = ACS
    if (acs) {
      b.writeUInt32LE(0x000d | (1 << 16), 0x148);
      b.writeUInt16LE(acs.cap, 0x14c);
      b.writeUInt16LE(acs.ctrl, 0x14e);
    }
  }
  return b.subarray(0, size);
}

interface FakeDev {
  path: string[];
  cls: string;
  vendor: string;
  device: string;
  type: PortType;
  resource?: string;
  acs?: { cap: number; ctrl: number };
  configSize?: number;
  physfn?: string;
}

const RES_NONE = '0x0000000000000000 0x0000000000000000 0x0000000000000000';
const MEM64_PREF = 0x0014220c;
const MEM32 = 0x00040200;

function resource(...bars: Array<[bigint, bigint, number] | null>): string {
  const lines = bars.map((b) => (b ? `0x${b[0].toString(16).padStart(16, '0')} 0x${(b[0] + b[1] - 1n).toString(16).padStart(16, '0')} 0x${b[2].toString(16).padStart(16, '0')}` : RES_NONE));
  while (lines.length < 13) lines.push(RES_NONE);
  return `${lines.join('\n')}\n`;
}

function makeSysfs(): string {
  const root = mkdtempSync(join(tmpdir(), 'fake-sysfs-'));
  const devs: FakeDev[] = [
    { path: ['pci0000:00', '0000:00:00.0'], cls: '0x060000', vendor: '0x8086', device: '0x2020', type: 'ep' },
    { path: ['pci0000:00', '0000:00:01.0'], cls: '0x060400', vendor: '0x8086', device: '0x2030', type: 'rp', acs: { cap: 0x1f, ctrl: 0x1d } },
    { path: ['pci0000:00', '0000:00:01.0', '0000:01:00.0'], cls: '0x060400', vendor: '0x10b5', device: '0x8747', type: 'usp' },
    { path: ['pci0000:00', '0000:00:01.0', '0000:01:00.0', '0000:02:00.0'], cls: '0x060400', vendor: '0x10b5', device: '0x8747', type: 'dsp', acs: { cap: 0x5f, ctrl: 0 } },
    { path: ['pci0000:00', '0000:00:01.0', '0000:01:00.0', '0000:02:01.0'], cls: '0x060400', vendor: '0x10b5', device: '0x8747', type: 'dsp', acs: { cap: 0x5f, ctrl: 0 } },
    { path: ['pci0000:00', '0000:00:01.0', '0000:01:00.0', '0000:02:00.0', '0000:03:00.0'], cls: '0x030200', vendor: '0x10de', device: '0x2330', type: 'ep',
      resource: resource([0x92000000n, 0x1000000n, MEM32], null, [0x4000000000n, 0x400000000n, MEM64_PREF]) },
    { path: ['pci0000:00', '0000:00:01.0', '0000:01:00.0', '0000:02:01.0', '0000:04:00.0'], cls: '0x020700', vendor: '0x15b3', device: '0x101b', type: 'ep',
      resource: resource([0x4400000000n, 0x2000000n, MEM64_PREF]) },
    { path: ['pci0000:00', '0000:00:01.0', '0000:01:00.0', '0000:02:01.0', '0000:04:00.1'], cls: '0x020700', vendor: '0x15b3', device: '0x101c', type: 'ep',
      resource: resource([0x4402000000n, 0x100000n, MEM64_PREF]), physfn: '0000:04:00.0' },
    { path: ['pci0000:80', '0000:80:01.0'], cls: '0x060400', vendor: '0x8086', device: '0x2030', type: 'rp', configSize: 64 },
    { path: ['pci0000:80', '0000:80:01.0', '0000:81:00.0'], cls: '0x010802', vendor: '0x144d', device: '0xa824', type: 'ep', configSize: 64,
      resource: resource([0x5000000000n, 0x4000n, 0x00140204]) },
  ];
  mkdirSync(join(root, 'bus', 'pci', 'devices'), { recursive: true });
  mkdirSync(join(root, 'class', 'iommu', 'dmar0'), { recursive: true });
  for (const d of devs) {
    const dir = join(root, 'devices', ...d.path);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'class'), `${d.cls}\n`);
    writeFileSync(join(dir, 'vendor'), `${d.vendor}\n`);
    writeFileSync(join(dir, 'device'), `${d.device}\n`);
    writeFileSync(join(dir, 'resource'), d.resource ?? resource());
    writeFileSync(join(dir, 'config'), config(d.type, d.acs, d.configSize ?? 4096));
    mkdirSync(join(dir, 'iommu_group'));
    writeFileSync(join(dir, 'iommu_group', 'type'), 'DMA-FQ\n');
    const name = d.path[d.path.length - 1];
    if (d.physfn) symlinkSync(join('..', d.physfn), join(dir, 'physfn'));
    symlinkSync(relative(join(root, 'bus', 'pci', 'devices'), dir), join(root, 'bus', 'pci', 'devices', name));
  }
  const proc = join(root, 'proc');
  mkdirSync(proc);
  writeFileSync(join(proc, 'cpuinfo'), 'processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 1\n');
  return root;
}

test('capture: fake sysfs -> topology with types, BARs, ACS, VF and IOMMU', () => {
  const root = makeSysfs();
  const r = captureSysfs({ sysfsRoot: root, procRoot: join(root, 'proc') });
  const ix = indexTopology(r.topology);
  assert.deepEqual(r.topology.hostBridges.map((h) => h.id), ['pci0000:00', 'pci0000:80']);
  assert.deepEqual(r.topology.cpu, { vendor: 'amd', family: 25 });
  assert.deepEqual(r.topology.iommu, { mode: 'translated', acsRedirect: 'disabled' });
  const n = (b: string) => ix.byBdf.get(b);
  assert.equal(n('0000:00:01.0')?.node.type, 'root-port');
  assert.equal(n('0000:01:00.0')?.node.type, 'switch-upstream');
  assert.equal(n('0000:02:01.0')?.node.type, 'switch-downstream');
  assert.equal(n('0000:03:00.0')?.parent?.bdf, '0000:02:00.0');
  assert.deepEqual(n('0000:00:01.0')?.node.acs, { cap: true, ctrl: ['SV', 'RR', 'CR', 'UF'], capBits: ['SV', 'TB', 'RR', 'CR', 'UF'] });
  assert.deepEqual(n('0000:02:00.0')?.node.acs?.ctrl, []);
  assert.deepEqual(n('0000:03:00.0')?.node.bars.map((b) => [b.index, b.cpuAddress, b.size, b.is64, b.prefetchable]), [
    [0, 0x92000000n, 0x1000000n, false, false], [2, 0x4000000000n, 0x400000000n, true, true]]);
  assert.equal(n('0000:04:00.1')?.node.physfn, '0000:04:00.0');
  assert.equal(n('0000:81:00.0')?.node.bars[0].prefetchable, false);
  assert.ok(r.problems.some((p) => p.startsWith('0000:80:01.0: only 64 bytes of config space readable')), r.problems.join('\n'));
  const p = classifyP2P(r.topology, '0000:03:00.0', ['0000:04:00.0']);
  assert.ok(p.ok && p.report.mapType === 'BUS_ADDR' && p.report.distance === 4);
});

test('capture: CLI writes a valid file and reports what it could not read', async () => {
  const root = makeSysfs();
  const out = join(root, 'out.fabric.json');
  const c = captureIo();
  const code = await runTopo(['capture', '-o', out, '--sysfs-root', root, '--proc-root', join(root, 'proc')], c.io);
  assert.equal(code, 0, c.err);
  assert.match(c.err, /captured 10 device\(s\) into 2 host bridge\(s\)/);
  assert.match(c.err, /could not read: 0000:81:00\.0: only 64 bytes/);
  assert.deepEqual(parseTopologyText(readFileSync(out, 'utf8')).errors, []);
  const empty = mkdtempSync(join(tmpdir(), 'empty-sysfs-'));
  assert.equal(await runTopo(['capture', '-o', join(empty, 'x.json'), '--sysfs-root', empty], captureIo().io), 2);
});

test('capture: resource flags and config-space decoding', () => {
  const bars = parseResourceFile(resource([0x4000000000n, 0x1000n, MEM64_PREF], [0xe000n, 0x20n, 0x40101]));
  assert.deepEqual(bars, [{ index: 0, cpuAddress: 0x4000000000n, size: 0x1000n, is64: true, prefetchable: true }], 'I/O BARs are skipped');
  const info = parseConfigSpace(new Uint8Array(config('dsp', { cap: 0x7f, ctrl: 0x24 })));
  assert.equal(info.pcieType, 6);
  assert.deepEqual(info.acs, { capBits: ['SV', 'TB', 'RR', 'CR', 'UF', 'EC', 'DT'], ctrl: ['RR', 'EC'] });
  const short = parseConfigSpace(new Uint8Array(config('rp', undefined, 64)));
  assert.equal(short.extendedReadable, false);
  assert.equal(short.acs, undefined);
});

test('capture: this machine (real /sys)', (t) => {
  const r = captureSysfs();
  const devices = r.topology.hostBridges.reduce((s, h) => s + h.devices.length, 0);
  if (devices === 0) return t.skip(`no PCI devices visible: ${r.problems.join('; ')}`);
  assert.ok(r.topology.hostBridges.length >= 1);
  const check = parseTopologyText(JSON.stringify(JSON.parse(JSON.stringify(r.topology, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)))));
  assert.deepEqual(check.errors, []);
});
