// A lazily kept function parsed again on its own gets the body facts, positions included, of the whole file's parse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText, materializeBody } from '../../src/analysis/analyze-text';
import { extractBody } from '../../src/analysis/extract-file';
import { initParser } from '../../src/analysis/parser';
import { namedChildren } from '../../src/analysis/syntax';
import { DIST } from '../helpers/project';

const TEXT = `${'/* filler */\n'.repeat(3000)}struct ring { int *slots; unsigned int head; };
  static int ring_fill(struct ring *r, int v)
{
	int i;

	for (i = 0; i < 4; i++)
		r->slots[(r->head + i) & 3] = v;
	r->head += 4;
	return ring_check(r) ? -1 : 0;
}
`;

test('a lazily kept function far down a file keeps the rows and columns of the whole parse', async () => {
  const parser = await initParser(DIST);
  const fn = analyzeText(parser, 'ring.c', TEXT).functions.find((f) => f.name === 'ring_fill');
  assert.ok(fn && !fn.body && fn.source, 'kept lazily');
  assert.equal(fn.source.row, 3001);
  assert.equal(fn.source.col, 2);
  const lazy = materializeBody(parser, fn);
  const tree = parser.parse(TEXT)!;
  const def = namedChildren(tree.rootNode).find((c) => c.type === 'function_definition')!;
  const whole = extractBody(def, 'ring.c');
  tree.delete();
  assert.ok(JSON.stringify(whole).includes('"line":3006'), 'the whole parse has positions far down');
  assert.equal(JSON.stringify(lazy), JSON.stringify(whole));
});
