// Messages name what the source says: a store or load of an array member's element is checked as one of the whole
// member (flow.ts), but named as written ("writes d->r->data[i]", not "writes d->r->data"); and an expression whose
// kernel annotations were blanked before parsing reads on one line ("(void *)slot", not "(void         *)slot").
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkFixture } from '../helpers/check-fixture';
import { FIXTURES } from '../helpers/project';

/** The message of the finding a rule fixture gives on a line (1-based). */
async function messageAt(fixture: string, line: number): Promise<string> {
  const findings = await checkFixture(join(FIXTURES, 'rules', fixture));
  const found = findings.find((f) => f.span.start.line + 1 === line);
  assert.ok(found, `a finding at ${fixture}:${line}`);
  return found.message;
}

test('iomem-plain-access names the stored element with its subscript', async () => {
  assert.match(await messageAt('iomem-plain-access.c', 536), /writes d->r->data\[i\] as plain memory/);
});

test('missing-wmb-before-doorbell names the stored element with its subscript', async () => {
  assert.match(await messageAt('missing-wmb-before-doorbell.c', 472), /store to d->addr\[i\]/);
});

test('a __force cast blanked before parsing reads as one space in the message', async () => {
  assert.match(await messageAt('iomem-plain-access.c', 570), /writes \(void \*\)slot as plain memory/);
});
