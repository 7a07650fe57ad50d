// `fabric-lens check --format sarif`: a SARIF 2.1.0 log whose results are the JSON report's findings one for one, with
// 1-based regions, the rules' metadata, related locations, per-architecture lists and the quick fixes as replacements.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseReport, runCli } from '../helpers/cli';
import { REPO } from '../helpers/project';

const DEMO_DIR = 'test-fixtures/demo';
const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

interface Region { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface Location { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region } }
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Location[];
      relatedLocations?: (Location & { message: { text: string } })[];
      fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
      properties: { arches: string[]; function: string };
    }[];
  }[];
}

test('--format sarif prints a SARIF 2.1.0 log with the JSON report\'s findings, 1-based, rules, related locations and fixes', async () => {
  const [sarif, json] = await Promise.all([runCli(['check', '--format', 'sarif', DEMO_DIR]), runCli(['check', '--format', 'json', DEMO_DIR])]);
  assert.equal(sarif.code, 0, sarif.stderr);
  const log = JSON.parse(sarif.stdout) as SarifLog;
  const report = parseReport(json);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  assert.equal(run.tool.driver.name, 'Fabric Lens');
  assert.equal(run.tool.driver.version, JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version, 'the tool version is the package\'s');
  assert.ok(run.tool.driver.rules.every((r) => /^[a-z0-9-]+$/.test(r.id) && r.shortDescription.text.length > 0 && ['error', 'warning', 'note'].includes(r.defaultConfiguration.level)));
  assert.equal(run.results.length, report.diagnostics.length);
  run.results.forEach((r, i) => {
    const d = report.diagnostics[i];
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    assert.deepEqual([r.ruleId, run.tool.driver.rules[r.ruleIndex].id, r.level, r.message.text], [d.rule, d.rule, LEVEL[d.severity], d.message]);
    assert.deepEqual([artifactLocation.uri, artifactLocation.uriBaseId], [d.file, '%SRCROOT%'], 'a relative path stays relative to the source root');
    assert.deepEqual(region, { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 });
    assert.deepEqual([r.properties.arches, r.properties.function], [d.arches, d.function]);
  });
  const doorbell = run.results.find((r) => r.ruleId === 'missing-wmb-before-doorbell');
  assert.ok(doorbell?.relatedLocations?.length, 'the store the doorbell can overtake is a related location');
  const insert = doorbell.fixes?.flatMap((f) => f.artifactChanges.flatMap((c) => c.replacements)).find((x) => /\bwmb\(\);/.test(x.insertedContent.text));
  assert.ok(insert, 'the insert-wmb() quick fix is a replacement');
  assert.equal(insert.deletedRegion.startLine, insert.deletedRegion.endLine);
  assert.equal(insert.deletedRegion.startColumn, insert.deletedRegion.endColumn, 'an insertion deletes nothing');
});

test('--version prints the package version', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.stdout.trim(), `fabric-lens ${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}`);
});
