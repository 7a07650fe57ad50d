// Runs every rule fixture: single files under test-fixtures/rules, multi-file projects under test-fixtures/projects.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkFixture } from './helpers/check-fixture';
import { FIXTURES } from './helpers/project';

function entries(dir: string): string[] {
  return readdirSync(dir).sort().map((n) => join(dir, n));
}

for (const file of entries(join(FIXTURES, 'rules')).filter((f) => f.endsWith('.c'))) {
  test(`rule fixture ${file.split('/').pop()}`, async () => { await checkFixture(file); });
}

for (const dir of entries(join(FIXTURES, 'projects')).filter((d) => statSync(d).isDirectory())) {
  test(`project fixture ${dir.split('/').pop()} (files analysed together)`, async () => { await checkFixture(dir); });
  // The same findings whichever file is indexed and checked first (deep-origin-order's member depends on it).
  test(`project fixture ${dir.split('/').pop()} (files in reverse order)`, async () => { await checkFixture(dir, { reversed: true }); });
}

test('demo driver reports both first rules where its comments say', async () => { await checkFixture(join(FIXTURES, 'demo')); });
