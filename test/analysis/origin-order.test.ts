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

/**
 * Eight files of one driver (each includes drv.h), each storing the member `regs` of a struct no analysed file
 * defines from `regs` of its own table: a read of a table's `regs` (a key of unknown type, shared by the driver's
 * files) reaches every file's write, whose value is such a read again. Questions per (member, reading file), with
 * answers cut by the cycle computed again, explored every order of the files: 16, 65, 326, 1957, 13700 questions for
 * 4..8 files (drivers/edac, 40 files, ran for hours). Per write, with cut answers reused while the cycle is open: one
 * question per write and one for the read.
 */
test('a member copied between all files of a driver resolves without exploring every order of the files', async () => {
  const p = await newProject();
  const files = Array.from({ length: 8 }, (_, i) => `/w/edac/f${i}.c`);
  p.setFile('/w/edac/drv.h', 'struct mc;\n');
  files.forEach((f, i) => p.setFile(f, `#include "drv.h"
struct info${i} { void __iomem *regs; };
static struct info${i} devs${i}[2];
void copy${i}(struct mc *mci, int idx)
{
	mci->regs = devs${i}[idx].regs;${i === 0 ? '\n\tdevs0[idx].regs = ioremap(0x1000, 64);' : ''}
}
`));
  const fn = p.index.lookupFunction('copy1', files[1])!;
  const before = p.index.originQuestions();
  const origins = p.index.resolve({ k: 'member', base: { k: 'index', base: { k: 'var', name: 'devs1' } }, field: 'regs' }, { fn, depth: 0 });
  assert.deepEqual(origins.map((o) => `${o.kind}:${o.api}:${o.file}`), ['mapping:ioremap:/w/edac/f0.c']);
  assert.ok(p.index.originQuestions() - before <= 2 * files.length, `${p.index.originQuestions() - before} questions for ${files.length} files`);
});

/**
 * A local's answer at one depth serves the depths at which the depth limit cuts nothing either: `f` asked at depth 0
 * follows five copies (down to depth 5), so asked again at depth 1 it is answered from memory, and at depth 4 (the
 * limit cuts the copies) it is computed and answers nothing, as when asked first.
 */
test('an answer the depth limit did not cut serves other depths, one it would cut is computed again', async () => {
  const p = await newProject();
  p.setFile('/w/dev.c', TEXT);
  const fn = p.index.lookupFunction('dev_setup', '/w/dev.c')!;
  const at = (depth: number) => p.index.resolve(v('f'), { fn, depth }).map((o) => `${o.kind}:${o.api}:${o.span.start.line}`).join(' ');
  assert.equal(at(0), 'mapping:ioremap:4');
  const before = p.index.originQuestions();
  assert.equal(at(1), 'mapping:ioremap:4');
  assert.equal(p.index.originQuestions(), before, 'depth 1 reuses the answer computed at depth 0');
  assert.equal(at(4), '');
  assert.ok(p.index.originQuestions() > before, 'depth 4 is computed again');
});

/**
 * A local of an inlined call is a question of that call's argument bindings: asked again under the same bindings (at
 * another node of the inlined body) it is answered from memory, under other bindings (another call) computed again.
 */
test("a local under argument bindings is answered once per bindings", async () => {
  const p = await newProject();
  p.setFile('/w/dev.c', TEXT);
  const fn = p.index.lookupFunction('dev_setup', '/w/dev.c')!;
  const caller = p.index.lookupFunction('dev_cross', '/w/dev.c')!;
  const bindings = () => new Map([['d', { expr: v('d'), ctx: { fn: caller, depth: 0 } }]]);
  const args = bindings();
  const at = (a: typeof args) => p.index.resolve(v('f'), { fn, args: a, depth: 1 }).map((o) => `${o.kind}:${o.api}:${o.span.start.line}`).join(' ');
  assert.equal(at(args), 'mapping:ioremap:4');
  const before = p.index.originQuestions();
  assert.equal(at(args), 'mapping:ioremap:4');
  assert.equal(p.index.originQuestions(), before, 'the same bindings: from memory');
  assert.equal(at(bindings()), 'mapping:ioremap:4');
  assert.ok(p.index.originQuestions() > before, 'other bindings: computed again');
});
