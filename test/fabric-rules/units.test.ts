// Fabric rules beyond fixtures: the device map forms, the guest field of the topology, severities without and with a
// topology, quick fixes, fabric facts (id tables, drivers, result fates) and the CLI's --topology/--device-map plumbing.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { parseTopologyText, topologyToJson } from '../../src/engine/fabric';
import { parseDeviceMap } from '../../src/engine/fabric-rules/device-map';
import { RULES } from '../../src/engine/rules';
import { DIST, FIXTURES, newProject } from '../helpers/project';

const FABRIC_IDS = ['p2p-iova-through-switch', 'p2p-distance-unchecked', 'cpu-phys-as-bus-address', 'wc-on-non-prefetchable-bar', 'wc-lost-in-guest', 'dma-mask-unchecked'];

/** Runs the bundled CLI (dist/cli.js) as a user would. */
function cli(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('the six fabric rule ids are registered', () => {
  for (const id of FABRIC_IDS) assert.ok(RULES.some((r) => r.id === id), id);
});

test('device map: JSON object, inline list, short BDFs, errors', () => {
  const j = parseDeviceMap('{"mlx5_core": "03:00.0", "10DE:2330": ["0000:05:00.0", "06:00.0"]}');
  assert.ok(j.ok);
  assert.deepEqual(j.ok && j.map, { mlx5_core: ['0000:03:00.0'], '10de:2330': ['0000:05:00.0', '0000:06:00.0'] });
  const i = parseDeviceMap('mlx5_core=0000:03:00.0,mlx5_core=03:00.1, 15b3:101b=0000:04:00.0');
  assert.deepEqual(i.ok && i.map, { mlx5_core: ['0000:03:00.0', '0000:03:00.1'], '15b3:101b': ['0000:04:00.0'] });
  const bad = parseDeviceMap('mlx5_core=zz:00.0');
  assert.ok(!bad.ok && /not a BDF/.test(bad.error));
  assert.ok(!parseDeviceMap('mlx5_core').ok);
  assert.ok(!parseDeviceMap('{"a": 3}').ok);
});

test('topology guest field: accepted, normalised, validated with its JSON path, kept by serialisation', () => {
  const base = JSON.parse(readFileSync(join(FIXTURES, 'fabric-rules', 'guest-arm64', 'topology.fabric.json'), 'utf8'));
  base.guest = { arch: 'arm64', hypervisor: 'kvm', assigned: ['01:00.0'] };
  const ok = parseTopologyText(JSON.stringify(base));
  assert.deepEqual(ok.topology?.guest, { arch: 'arm64', hypervisor: 'kvm', assigned: ['0000:01:00.0'] });
  assert.deepEqual((topologyToJson(ok.topology!) as { guest: unknown }).guest, ok.topology?.guest);
  base.guest = { arch: 'mips' };
  const bad = parseTopologyText(JSON.stringify(base));
  assert.equal(bad.topology, undefined);
  assert.ok(bad.errors.some((e) => e.path === 'guest.arch'), JSON.stringify(bad.errors));
  base.guest = { arch: 'arm64', assigned: ['nope'] };
  assert.ok(parseTopologyText(JSON.stringify(base)).errors.some((e) => e.path === 'guest.assigned[0]'));
});

test('fabric facts: id tables through macros and PCI_VDEVICE, driver names, result fates', async () => {
  const p = await newProject();
  const facts = p.setFile('/x/drv.c', `#define MY_DEV 0x1017
static const struct pci_device_id ids[] = { { PCI_VDEVICE(MELLANOX, MY_DEV), 0 }, { PCI_DEVICE(0x8086, PCI_ANY_ID) }, { .vendor = 0x1af4, .device = 0x1041 }, { } };
static struct pci_driver drv = { .name = "mydrv", .id_table = ids };
static int f(struct pci_dev *p) { int r = dma_set_mask(&p->dev, DMA_BIT_MASK(24)); if (r) return r; dma_set_mask(&p->dev, 0xffffff); return pci_p2pdma_distance(p, &p->dev, 0); }
`).fabric!;
  assert.deepEqual(facts.idTables[0].ids.map((i) => `${i.vendor}:${i.device}`), ['15b3:1017', '8086:*', '1af4:1041']);
  assert.deepEqual(facts.drivers.map((d) => [d.name, d.idTable]), [['mydrv', 'ids']]);
  assert.deepEqual(facts.maskSets.map((m) => [m.bits, m.fate]), [[24, 'used'], [24, 'ignored']]);
  assert.deepEqual(facts.p2pChecks.map((c) => c.fate), ['used']);
});

test('p2p-iova-through-switch: warning from code alone, error naming the BUS_ADDR pair with a topology', async () => {
  const dir = join(FIXTURES, 'fabric-rules', 'switch-bus-addr');
  const file = join(dir, 'gpu_p2p.c');
  const p = await newProject();
  p.setFile(file, readFileSync(file, 'utf8'));
  const alone = p.check([file]).filter((f) => f.rule === 'p2p-iova-through-switch');
  assert.equal(alone.length, 1);
  assert.equal(alone[0].severity, 'warning');
  const topology = parseTopologyText(readFileSync(join(dir, 'topology.fabric.json'), 'utf8')).topology!;
  const sharp = p.check([file], { topology, deviceMap: { gpu_p2p: ['0000:03:00.0'] } }).filter((f) => f.rule === 'p2p-iova-through-switch');
  assert.equal(sharp.length, 1);
  assert.equal(sharp[0].severity, 'error');
  assert.match(sharp[0].message, /0000:03:00\.0 \(gpu0\) -> 0000:04:00\.0 \(nic0\)/);
  assert.match(sharp[0].message, /never reach the IOMMU/);
  // A user severity setting wins over the topology's error.
  const forced = p.check([file], { topology, deviceMap: { gpu_p2p: ['0000:03:00.0'] }, rules: { 'p2p-iova-through-switch': { severity: 'hint' } } });
  assert.equal(forced.find((f) => f.rule === 'p2p-iova-through-switch')?.severity, 'hint');
  // With the topology bound to a device whose peers are all THRU_HOST_BRIDGE (sample, ACS redirect on) nothing is said.
  const sample = parseTopologyText(readFileSync(join(FIXTURES, 'topologies', 'sample.fabric.json'), 'utf8')).topology!;
  assert.equal(p.check([file], { topology: sample, deviceMap: { gpu_p2p: ['0000:03:00.0'] } }).filter((f) => f.rule === 'p2p-iova-through-switch').length, 0);
});

test('cpu-phys-as-bus-address offers pci_bus_address() as the fix, at the origin', async () => {
  const file = join(FIXTURES, 'rules', 'cpu-phys-as-bus-address.c');
  const text = readFileSync(file, 'utf8');
  const p = await newProject();
  p.setFile(file, text);
  const lines = text.split('\n');
  const found = p.check([file], { lineText: (_f, l) => lines[l] }).filter((f) => f.rule === 'cpu-phys-as-bus-address');
  const edits = found.flatMap((f) => f.fixes.flatMap((x) => x.edits.map((e) => e.newText)));
  assert.ok(edits.includes('pci_bus_address(pdev, bar)'), edits.join(' | '));
  assert.ok(edits.includes('pci_bus_address(pdev, 4)'), edits.join(' | '));
});

test('CLI check: --topology and --device-map reach the rules; bad inputs exit 2', () => {
  const dir = join(FIXTURES, 'fabric-rules', 'window-offset');
  const r = cli(['check', '--format', 'json', '--topology', join(dir, 'topology.fabric.json'), '--device-map', 'edma_test=03:00.0', dir]);
  assert.equal(r.code, 1, r.err);
  const json = JSON.parse(r.out);
  assert.deepEqual(Object.keys(json), ['version', 'files', 'diagnostics']);
  const rules = json.diagnostics.map((d: { rule: string; severity: string }) => `${d.rule}:${d.severity}`);
  assert.ok(rules.includes('cpu-phys-as-bus-address:error'), rules.join(' '));
  assert.ok(rules.includes('p2p-iova-through-switch:error'), rules.join(' '));
  // Without the topology the same code gives warnings only: exit 0 at the default --fail-on error.
  assert.equal(cli(['check', dir]).code, 0);

  const tmp = mkdtempSync(join(tmpdir(), 'fl-fabric-'));
  const broken = join(tmp, 'bad.fabric.json');
  writeFileSync(broken, '{"cpu": {"vendor": "intel"}, "hostBridges": []}');
  const b = cli(['check', '--topology', broken, dir]);
  assert.equal(b.code, 2);
  assert.match(b.err, /iommu/);
  const m = cli(['check', '--device-map', 'edma_test=nonsense', dir]);
  assert.equal(m.code, 2);
  assert.match(m.err, /not a BDF/);
  assert.equal(cli(['check', '--topology', join(tmp, 'missing.json'), dir]).code, 2);
  const map = join(tmp, 'map.json');
  writeFileSync(map, '{"edma_test": "0000:03:00.0"}');
  assert.equal(cli(['check', '--topology', join(dir, 'topology.fabric.json'), '--device-map', map, dir]).code, 1);
});

test('pci_device_id tables written with an entry macro and no commas (ena_pci_id_tbl.h shape) are read by text', async () => {
  const p = await newProject();
  p.setFile('/y/tbl.h', `#define PCI_DEV_ID_X_VF 0xec20
#define X_ENTRY(devid) {PCI_DEVICE(PCI_VENDOR_ID_AMAZON, devid)},
static const struct pci_device_id x_tbl[] = {
	X_ENTRY(PCI_DEV_ID_X_VF)
	{ }
};
`);
  const { FabricContext } = await import('../../src/engine/fabric-rules/context');
  p.setFile('/y/drv.c', 'static struct pci_driver x = { .name = "x", .id_table = x_tbl };');
  const fc = new FabricContext(p.index, undefined, undefined);
  assert.deepEqual(fc.drivers[0].ids.map((i) => `${i.vendor}:${i.device}`), ['1d0f:ec20']);
});
