// scanFunctionText() records the members whose address a call argument takes, with the call and the argument's
// position: member-writes.ts extracts a writer kept as text for such a member only when that callee may store through
// the parameter at that position (out-parameters.ts), so a wrong position loses the member's origin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanFunctionText } from '../../src/analysis/text-scan';

/** [body text, the addressed fields as `callee:arg:field`]. */
const CASES: [string, string[]][] = [
  ['{ request_and_map(pdev, "csr", &res, &mdev->csr, false); }', ['request_and_map:3:csr']],
  ['{ ring_alloc(dev, 4096, (void **)&r->desc, &r->dma); }', ['ring_alloc:2:desc', 'ring_alloc:3:dma']],
  ['{ f(g(a, b), & q -> r ->s ); }', ['f:1:s']],
  ['{ f(&a.b); }', ['f:0:b']],
  ['{ f(&p->arr[2], 1); }', []], // an element's address: not the member itself
  ['{ if (x && p->f) y(); }', []], // `&&` is no address
  ['{ x = &p->f; }', []], // no call argument
  ['{ if (map(&p->base)) return; }', ['map:0:base']],
  ['{ f("a, b", /* x, y */ &p->m); }', ['f:1:m']], // commas in a string or comment separate nothing
  ['{ ops->map(dev, &p->base); (*fn)(&p->regs); }', []], // calls through a pointer name no function to look up
  ['{ alloc(&(q->ring[i].buf), 1); }', ['alloc:0:buf']],
];

for (const [text, want] of CASES) {
  test(`addressed fields of \`${text}\`: ${want.join(', ') || 'none'}`, () => {
    const got = (scanFunctionText(text).addressedFields ?? []).map((a) => `${a.callee}:${a.arg}:${a.field}`);
    assert.deepEqual(got, want);
  });
}
