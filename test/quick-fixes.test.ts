// Quick fixes checked as data: each file in test-fixtures/fixes/ is named after its rule and says on each reported
// line what the preferred fix makes of it (test/helpers/check-fixes.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkFixes } from './helpers/check-fixes';
import { FIXTURES } from './helpers/project';

const DIR = join(FIXTURES, 'fixes');

for (const name of readdirSync(DIR).filter((n) => n.endsWith('.c')).sort()) {
  test(`quick fixes of ${name.replace(/\.c$/, '')} turn each reported line into what its fix: comment says`, async () => {
    await checkFixes(join(DIR, name));
  });
}
