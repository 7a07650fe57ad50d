// Origin resolution answers each question the same whatever was asked before it: a question includes the depth it is
// asked at (the depth limit cuts deep answers short), and an answer cut short by a cycle is not kept for later.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PExpr } from '../../src/analysis/facts';
import { newProject } from '../helpers/project';

const TEXT = `struct dev { void __iomem *regs; void __iomem *x; };
struct peer { void __iomem *y; };
int dev_setup(struct dev *d, phys_addr_t bar)
{
	void __iomem *a = ioremap(bar, 64);
	void __iomem *b = a;
	void __iomem *c = b;
	void __iomem *e = c;
	void __iomem *f = e;

	writel(0, f);
	d->regs = f;
	return 0;
}
int dev_cross(struct dev *d, struct peer *p, phys_addr_t bar)
{
	d->x = ioremap_wc(bar, 4096);
	writel(0, d->x);
	d->x = p->y;
	p->y = d->x;
	return 0;
}
`;

type Question = { fn: string; expr: PExpr; depth: number };
const v = (name: string): PExpr => ({ k: 'var', name });
const QUESTIONS: Question[] = [
  { fn: 'dev_setup', expr: v('f'), depth: 0 },
  { fn: 'dev_setup', expr: { k: 'member', base: v('d'), field: 'regs' }, depth: 0 },
  { fn: 'dev_cross', expr: { k: 'member', base: v('p'), field: 'y' }, depth: 0 },
  { fn: 'dev_cross', expr: { k: 'member', base: v('d'), field: 'x' }, depth: 0 },
  { fn: 'dev_setup', expr: v('f'), depth: 1 },
  { fn: 'dev_setup', expr: v('f'), depth: 4 },
];

async function answers(order: number[]): Promise<string[]> {
  const p = await newProject();
  p.setFile('/w/dev.c', TEXT);
  const out: string[] = [];
  for (const i of order) {
    const q = QUESTIONS[i];
    const fn = p.index.lookupFunction(q.fn, '/w/dev.c')!;
    const origins = p.index.resolve(q.expr, { fn, depth: q.depth });
    out[i] = origins.map((o) => `${o.kind}:${o.api}:${o.span.start.line}`).join(' ');
  }
  return out;
}

test('each origin question gets the same answer whichever questions were asked before it', async () => {
  const forward = await answers(QUESTIONS.map((_, i) => i));
  const backward = await answers(QUESTIONS.map((_, i) => QUESTIONS.length - 1 - i));
  assert.deepEqual(backward, forward);
  assert.equal(forward[0], 'mapping:ioremap:4', 'asked at the function itself, the five copies are followed');
  assert.equal(forward[1], 'mapping:ioremap:4', 'the member is resolved at depth 1 whoever asks');
  assert.equal(forward[2], 'mapping:ioremap_wc:16', 'the peer member reaches the mapping through the cycle');
  assert.equal(forward[3], 'mapping:ioremap_wc:16');
  assert.equal(forward[4], 'mapping:ioremap:4');
  assert.equal(forward[5], '', 'asked four levels deep, the depth limit cuts the copies short');
});
