// editBetween() (incremental.ts) finds the one edit between two texts: the same as a character-by-character scan,
// for edits anywhere, of any size, in texts longer and shorter than its comparison chunks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editBetween } from '../../src/analysis/incremental';

/** The plain scan editBetween must agree with: common prefix, then common suffix not overlapping it. */
function byCharacters(before: string, after: string): [number, number, number] {
  let start = 0;
  while (start < Math.min(before.length, after.length) && before[start] === after[start]) start++;
  let endOld = before.length;
  let endNew = after.length;
  while (endOld > start && endNew > start && before[endOld - 1] === after[endNew - 1]) { endOld--; endNew--; }
  return [start, endOld, endNew];
}

test('editBetween agrees with a character scan on inserts, deletes and replacements anywhere', () => {
  let seed = 7;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const line = (i: number) => `\tval = readl(q->db + ${i % 7}); /* ${'x'.repeat(i % 40)} */\n`;
  for (const size of [0, 10, 255, 256, 257, 5000]) {
    const base = Array.from({ length: size }, (_, i) => line(i)).join('').slice(0, size * 30);
    for (let k = 0; k < 60; k++) {
      const at = rand(base.length + 1);
      const cut = rand(k % 3 === 0 ? 600 : 3);
      const insert = ['', ' ', 'wmb();\n', line(k).repeat(rand(12)), 'a'.repeat(rand(700))][rand(5)];
      const after = base.slice(0, at) + insert + base.slice(at + cut);
      const edit = editBetween(base, after);
      if (base === after) { assert.equal(edit, undefined); continue; }
      assert.deepEqual([edit!.startIndex, edit!.oldEndIndex, edit!.newEndIndex], byCharacters(base, after), `size ${size}, at ${at}`);
    }
  }
  assert.deepEqual(byCharacters('ab'.repeat(300), 'ab'.repeat(300) + 'ab'), [600, 600, 602]);
  const e = editBetween('ab'.repeat(300), 'ab'.repeat(301))!;
  assert.deepEqual([e.startIndex, e.oldEndIndex, e.newEndIndex], [600, 600, 602]);
});
