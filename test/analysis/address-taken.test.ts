// addressTakenNames() (one scan of a body's text) decides as addressTaken() (one name at a time) does: trackedNames()
// relies on the two agreeing (src/analysis/call-guards.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressTaken, addressTakenNames } from '../../src/analysis/call-guards';

/** [body text, name, whether its address is taken]. */
const CASES: [string, string, boolean][] = [
  ['foo(&len);', 'len', true],
  ['p = & (len);', 'len', true],
  ['p = &len_max;', 'len', false],
  ['x = &dev->len;', 'dev', false],
  ['x = &ring.len;', 'ring', false],
  ['x = &buf[2];', 'buf', false],
  ['x = &buf [2];', 'buf', false],
  ['memcpy(&hdr, src, sizeof(hdr));', 'hdr', true],
  ['if (a && flag) go();', 'flag', true], // a text scan: `&& flag` reads as `&flag`, the side of caution
  ['y = mask & val;', 'val', true],
  ['y = 0;', 'y', false],
];

for (const [text, name, taken] of CASES) {
  test(`address of ${name} taken in \`${text}\`: ${taken}`, () => {
    assert.equal(addressTaken(text, name), taken);
    assert.equal(addressTakenNames(text).has(name), taken);
  });
}
