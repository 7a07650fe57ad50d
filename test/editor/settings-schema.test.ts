// The one settings schema (src/settings-schema.ts) against package.json `contributes.configuration`, and its reader.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { contributedConfiguration, DEFAULT_SETTINGS, readSettingsFrom, SETTINGS_SCHEMA } from '../../src/settings-schema';
import { REPO } from '../helpers/project';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

test('package.json contributes.configuration is exactly the schema in src/settings-schema.ts', () => {
  assert.deepEqual(pkg.contributes.configuration, contributedConfiguration(),
    'package.json and src/settings-schema.ts disagree: change the schema, then copy contributedConfiguration() into package.json');
});

test('the settings the issue asks for are all declared, each with a default and a description', () => {
  for (const name of ['fabricLens.targetArch', 'fabricLens.topologyFile', 'fabricLens.deviceMap', 'fabricLens.rules', 'fabricLens.trace.server']) {
    const s = SETTINGS_SCHEMA[name];
    assert.ok(s, name);
    assert.ok('default' in s, `${name} default`);
    assert.ok(typeof (s.description ?? s.markdownDescription) === 'string', `${name} description`);
  }
});

test('schema defaults are the defaults the reader falls back to', () => {
  const fromSchema = (key: string) => SETTINGS_SCHEMA[`fabricLens.${key}`].default;
  const d = readSettingsFrom(undefined);
  assert.deepEqual(d, DEFAULT_SETTINGS);
  assert.equal(d.targetArch, fromSchema('targetArch'));
  assert.equal(d.topologyFile, fromSchema('topologyFile'));
  assert.deepEqual(d.deviceMap, fromSchema('deviceMap'));
  assert.deepEqual(d.rules, fromSchema('rules'));
  assert.equal(d.sourceBrowser, fromSchema('sourceBrowser'));
  assert.equal(d.trace.server, fromSchema('trace.server'));
});

test('readSettingsFrom keeps valid values and drops invalid ones', () => {
  const s = readSettingsFrom({
    targetArch: 'arm64', topologyFile: 'hw/lab.fabric.json', deviceMap: { gpu: '0000:03:00.0', bad: 7 },
    rules: { 'missing-wc-flush': { severity: 'error', enabled: true }, 'missing-wmb-before-doorbell': { enabled: false, severity: 'loud' }, x: 3 },
    sourceBrowser: 'https://example.test/linux/', trace: { server: 'verbose' },
  });
  assert.equal(s.targetArch, 'arm64');
  assert.equal(s.topologyFile, 'hw/lab.fabric.json');
  assert.deepEqual(s.deviceMap, { gpu: '0000:03:00.0' });
  assert.deepEqual(s.rules, { 'missing-wc-flush': { severity: 'error', enabled: true }, 'missing-wmb-before-doorbell': { enabled: false } });
  assert.equal(s.sourceBrowser, 'https://example.test/linux');
  assert.equal(s.trace.server, 'verbose');
  assert.equal(readSettingsFrom({ targetArch: 'sparc' }).targetArch, 'all');
  const enumArches = SETTINGS_SCHEMA['fabricLens.targetArch'].enum as string[];
  for (const a of enumArches) assert.equal(readSettingsFrom({ targetArch: a }).targetArch, a);
});
