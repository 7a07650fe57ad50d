// The `topo` CLI contract through runTopo (and through dist/cli.js when the dispatcher routes `topo`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTopo } from '../../src/cli/topo';
import { parseTopologyText } from '../../src/engine/fabric';
import { captureIo, LSPCI, ROOT, TOPOLOGIES } from './helpers';

const SAMPLE = join(TOPOLOGIES, 'sample.fabric.json');

async function run(args: string[]) {
  const c = captureIo();
  const code = await runTopo(args, c.io);
  return { code, out: c.out, err: c.err };
}

test('cli p2p json: exact contract keys, worst client, -1 when any client is unsupported', async () => {
  const r = await run(['p2p', '--topology', SAMPLE, '--provider', '0000:03:00.0', '--client', '0000:04:00.0', '--client', '0000:81:00.0', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), ['provider', 'mapType', 'distance', 'acsRedirect', 'reachesIommu', 'programAddress', 'path', 'clients']);
  assert.equal(j.provider, '0000:03:00.0');
  assert.equal(j.mapType, 'NOT_SUPPORTED');
  assert.equal(j.distance, -1);
  assert.equal(j.programAddress, 'none');
  assert.deepEqual(Object.keys(j.clients[0]), ['bdf', 'mapType', 'distance', 'acsRedirect', 'reachesIommu', 'programAddress', 'path']);
  assert.deepEqual(j.clients.map((c: { bdf: string; mapType: string }) => [c.bdf, c.mapType]), [['0000:04:00.0', 'THRU_HOST_BRIDGE'], ['0000:81:00.0', 'NOT_SUPPORTED']]);
  assert.equal(j.clients[0].programAddress, 'iova');
  assert.equal(j.clients[0].path[0], '0000:03:00.0');
  assert.equal(j.clients[0].path.at(-1), '0000:04:00.0');
});

test('cli p2p text: verdict and reasoning', async () => {
  const r = await run(['p2p', '--topology', SAMPLE, '--provider', '0000:03:00.0', '--client', '0000:04:00.0']);
  assert.equal(r.code, 0);
  assert.match(r.out, /provider 0000:03:00\.0: THRU_HOST_BRIDGE, distance 4/);
  assert.match(r.out, /ACS redirect on 0000:02:08\.0/);
  assert.match(r.out, /pci_p2pdma_whitelist/);
});

test('cli p2p: --acs-redirect disabled and --topology sample', async () => {
  const r = await run(['p2p', '--topology', 'sample', '--acs-redirect', 'disabled', '--provider', '03:00.0', '--client', '04:00.0', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.mapType, 'BUS_ADDR');
  assert.equal(j.programAddress, 'pci-bus-address');
  assert.deepEqual(j.path, ['0000:03:00.0', '0000:02:08.0', '0000:01:00.0', '0000:02:09.0', '0000:04:00.0']);
});

test('cli p2p: exit 2 for unknown BDF, missing/unreadable/malformed topology', async () => {
  const unknown = await run(['p2p', '--topology', SAMPLE, '--provider', '0000:03:00.0', '--client', '0000:09:00.0', '--format', 'json']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.out, '');
  assert.match(unknown.err, /unknown client BDF 0000:09:00\.0/);
  const missing = await run(['p2p', '--topology', '/nonexistent/x.fabric.json', '--provider', '0000:03:00.0', '--client', '0000:04:00.0']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read topology file \/nonexistent\/x\.fabric\.json: no such file/);
  const noFlag = await run(['p2p', '--provider', '0000:03:00.0', '--client', '0000:04:00.0']);
  assert.equal(noFlag.code, 2);
  assert.match(noFlag.err, /missing --topology/);
  const bad = await run(['p2p', '--topology', join(TOPOLOGIES, 'malformed', 'bar-size-not-hex.json'), '--provider', '0000:03:00.0', '--client', '0000:04:00.0']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /hostBridges\[0\]\.devices\[0\]\.children\[0\]\.children\[1\]\.children\[0\]\.bars\[0\]\.size: expected a hex string.*line 83/);
});

test('cli show: tree with ACS and IOMMU annotations', async () => {
  const r = await run(['show', SAMPLE]);
  assert.equal(r.code, 0);
  assert.match(r.out, /IOMMU translated; ACS redirect kernel-default/);
  assert.match(r.out, /0000:02:08\.0 switch-downstream .*ACS\[SV RR CR UF\] \(kernel added SV RR CR UF\)/);
  assert.match(r.out, /pci0000:80 .*not in the P2P allowlist/);
  assert.equal((await run(['show', '/nonexistent.json'])).code, 2);
});

test('cli import: lspci + tree -> valid topology file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fabric-import-'));
  const out = join(dir, 'out.json');
  const r = await run(['import', '--lspci', join(LSPCI, 'switch-sriov-nn-vvv.txt'), '--tree', join(LSPCI, 'switch-sriov-tv.txt'), '-o', out, '--cpu-vendor', 'intel', '--cpu-family', '6']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /imported 10 device\(s\)/);
  assert.match(r.err, /note: host bridge windows are not in lspci output/);
  const parsed = parseTopologyText(readFileSync(out, 'utf8'));
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.topology?.cpu, { vendor: 'intel', family: 6 });
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, 'nothing here\n');
  assert.equal((await run(['import', '--lspci', empty, '-o', join(dir, 'x.json')])).code, 2);
  assert.equal((await run(['import', '--lspci', join(dir, 'missing.txt'), '-o', join(dir, 'x.json')])).code, 2);
});

test('cli: usage errors exit 2', async () => {
  assert.equal((await run([])).code, 2);
  assert.equal((await run(['frobnicate'])).code, 2);
  assert.equal((await run(['p2p', '--topology', SAMPLE, '--provider', '0000:03:00.0'])).code, 2);
  assert.equal((await run(['p2p', '--topology', SAMPLE, '--provider', '0000:03:00.0', '--client', '0000:04:00.0', '--format', 'yaml'])).code, 2);
});

test('cli via dist/cli.js (when the dispatcher routes topo)', (t) => {
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) return t.skip('dist/cli.js not built');
  const r = spawnSync(process.execPath, [cli, 'topo', 'p2p', '--topology', SAMPLE, '--provider', '0000:03:00.0', '--client', '0000:81:00.0', '--format', 'json'], { encoding: 'utf8' });
  if (/unknown command/.test(r.stderr)) return t.skip('src/cli/main.ts does not dispatch `topo` yet');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).distance, -1);
  const bad = spawnSync(process.execPath, [cli, 'topo', 'p2p', '--topology', SAMPLE, '--provider', '0000:0f:00.0', '--client', '0000:81:00.0'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
