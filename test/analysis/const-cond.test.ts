// Branch conditions of inlined helpers decided from the constants a call passes (src/analysis/const-cond.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constantArg, evaluateCondition, NON_NULL_BINDING } from '../../src/analysis/const-cond';

/** [condition, bindings as "param=VALUE,...", expected] — undefined means "cannot tell, keep both branches". */
const CASES: [string, string, boolean | undefined][] = [
  ['type == PT_EAGER', 'type=PT_EAGER', true],
  ['type == PT_EAGER', 'type=PT_EXPECTED', false],
  ['type != PT_EAGER', 'type=PT_EAGER', false],
  ['type == PT_EAGER || type == PT_INVALID_FLUSH || (index & 3) == 3', 'type=PT_EAGER', true],
  ['type == PT_EAGER || type == PT_INVALID_FLUSH || (index & 3) == 3', 'type=PT_EXPECTED', undefined], // index unknown
  ['type == PT_EAGER || (index & 3) == 3', 'type=PT_EXPECTED,index=7', true],
  ['type == PT_EAGER || (index & 3) == 3', 'type=PT_EXPECTED,index=4', false],
  ['!wqe', 'wqe=NULL', true],
  ['wqe', 'wqe=NULL', false],
  ['wqe && wqe->len', 'wqe=NULL', false],
  ['wqe->len > 4', 'wqe=NULL', undefined],
  ['n == 1', 'n=32', false],
  ['n > 32', 'n=0x40', true],
  ['flags & FOO', 'flags=3', undefined], // FOO's value is unknown
  ['is_hw(dev) && type == A', 'type=B', false],
  ['is_hw(dev) || type == A', 'type=B', undefined],
  ['FOO == BAR', 'type=A', undefined], // neither side comes from the call
  ['sp->type == SRB_ELS_CMD', 'sp->type=SRB_CT_PTHRU_CMD', false],
  ['sp->type == SRB_ELS_CMD', 'sp=NULL', undefined],
  ['type == PT_EAGER', '', undefined],
  ['type == (PT_EAGER', 'type=PT_EAGER', undefined], // malformed
];

for (const [cond, bindings, expected] of CASES) {
  test(`${cond} with ${bindings || 'nothing bound'} is ${expected}`, () => {
    const map = new Map(bindings ? bindings.split(',').map((b) => b.split('=') as [string, string]) : []);
    assert.equal(evaluateCondition(cond, map), expected);
  });
}

test('constant arguments: numbers, NULL, booleans and upper-case names; not variables or expressions', () => {
  assert.deepEqual(['PT_EAGER', '0x10UL', '(4)', 'NULL', 'true', 'type', 'a + 1', 'dev->type', undefined].map(constantArg),
    ['PT_EAGER', '0x10', '4', 'NULL', 'true', undefined, undefined, undefined, undefined]);
});

test('a pointer proven non-NULL decides its truth and comparisons with NULL or 0, nothing else', () => {
  const bound = new Map([['aif_fib', NON_NULL_BINDING], ['r->m', NON_NULL_BINDING]]);
  const cases: [string, boolean | undefined][] = [
    ['aif_fib', true], ['!aif_fib', false], ['aif_fib != NULL', true], ['aif_fib == NULL', false], ['NULL == aif_fib', false],
    ['aif_fib == 0', false], ['r->m && type == A', undefined], ['!r->m || x', undefined], ['!r->m && x', false],
    ['aif_fib == other', undefined], ['aif_fib > NULL', undefined], ['aif_fib->len', undefined], ['(aif_fib & 1)', undefined],
  ];
  for (const [cond, expected] of cases) assert.equal(evaluateCondition(cond, bound), expected, cond);
});
