// The editor gives the fabric rules their topology: fabricLens.topologyFile (relative to the workspace) turns the
// code-only warning into the topology-backed error, as the CLI's --topology does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileUri, LspClient } from '../helpers/lsp-client';
import { FIXTURES } from '../helpers/project';

const CASE = join(FIXTURES, 'fabric-rules', 'switch-bus-addr');
const FILE = join(CASE, 'gpu_p2p.c');

async function severityOf(settings: Record<string, unknown>, rule: string): Promise<number | undefined> {
  const client = await LspClient.start({ pullConfiguration: true, settings, workspaceFolders: [CASE] });
  try {
    const since = client.mark();
    await client.open(fileUri(FILE), readFileSync(FILE, 'utf8'));
    const published = await client.diagnostics(fileUri(FILE), { since, where: (p) => p.diagnostics.some((d) => d.code === rule) });
    return published.diagnostics.find((d) => d.code === rule)?.severity;
  } finally {
    await client.stop();
  }
}

test('fabricLens.topologyFile and deviceMap reach the fabric rules: the P2P finding becomes an error', async () => {
  const deviceMap = JSON.parse(readFileSync(join(CASE, 'device-map.json'), 'utf8'));
  const without = await severityOf({ targetArch: 'all' }, 'p2p-iova-through-switch');
  const withTopology = await severityOf({ targetArch: 'all', topologyFile: 'topology.fabric.json', deviceMap }, 'p2p-iova-through-switch');
  assert.equal(withTopology, 1, 'error (DiagnosticSeverity.Error) with the topology');
  assert.notEqual(without, 1, 'not an error from code alone');
});
