// explainOrdering() over the demo driver: pairs, what orders them per architecture, observable orders and fixes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { explainOrdering, linearExtensions } from '../../src/engine/explain-ordering';
import { ARCHES } from '../../src/engine/arch';
import { FIXTURES, newProject } from '../helpers/project';

const DEMO = join(FIXTURES, 'demo', 'demo_nic.c');
const text = readFileSync(DEMO, 'utf8');
const lines = text.split('\n');
const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));

async function explainFunction(name: string, arches = [...ARCHES]) {
  const project = await newProject();
  project.setFile(DEMO, text);
  const at = { line: lineOf(`${name}(`) + 2, character: 0 };
  const r = explainOrdering({ index: project.index, path: DEMO, range: { start: at, end: at }, arches });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.explanation;
}

test('demo_xmit: the descriptor stores are not ordered before writel_relaxed() on x86_64, arm64, riscv64; the fix names writel()', async () => {
  const ex = await explainFunction('demo_xmit');
  assert.equal(ex.function, 'demo_xmit');
  const kinds = ex.accesses.map((a) => a.kind);
  assert.deepEqual(kinds, ['dma-store', 'dma-store', 'dma-store', 'mmio-write']);
  const doorbell = ex.accesses[3];
  assert.equal(doorbell.label, 'writel_relaxed()');
  const unordered = ex.arches.filter((a) => a.pairs.some((p) => p.second === 'D' && p.level !== 'api')).map((a) => a.arch);
  // The same architectures the missing-wmb-before-doorbell expectation in the demo names.
  assert.deepEqual(unordered, ['x86_64', 'arm64', 'riscv64']);
  for (const arch of ex.arches.filter((a) => unordered.includes(a.arch))) {
    const pair = arch.pairs.find((p) => p.first === 'C' && p.second === 'D')!;
    assert.match(pair.fix ?? '', /use writel\(\) at line \d+/);
    // Nothing orders the last store before the doorbell, so the device may see the doorbell before it.
    assert.ok(arch.orders.some((o) => o.indexOf('D') < o.indexOf('C')), `${arch.arch}: D before C is observable`);
  }
  // On powerpc64 writel_relaxed() is the fully ordered writel(): the doorbell is always observed last.
  const ppc = ex.arches.find((a) => a.arch === 'powerpc64')!;
  assert.ok(ppc.pairs.filter((p) => p.second === 'D').every((p) => p.level === 'api' && /the later access itself/.test(p.by)));
  assert.ok(ppc.orders.every((o) => o[3] === 'D'));
  assert.equal(ex.arches.find((a) => a.arch === 'arm64')!.orderCount, 24, 'arm64: nothing ordered, all 4! orders');
});

test('demo_xmit_ordered: writel() orders the stores before it on every architecture, by the accessor itself', async () => {
  const ex = await explainFunction('demo_xmit_ordered');
  for (const arch of ex.arches) {
    const pairs = arch.pairs.filter((p) => p.second === ex.accesses[ex.accesses.length - 1].id);
    assert.ok(pairs.length >= 2);
    for (const p of pairs) {
      assert.equal(p.level, 'api', `${arch.arch}: ${p.first}-${p.second} ${p.by}`);
      assert.match(p.by, /writel\(\) \(the later access itself\)/);
      assert.ok(p.cite);
    }
    // The doorbell always comes last; the two stores may swap.
    assert.equal(arch.orderCount, 2);
    for (const o of arch.orders) assert.equal(o[o.length - 1], ex.accesses[ex.accesses.length - 1].id);
  }
});

test('demo_push: the write-combined copy before spin_unlock is ordered by arm64\'s store-release, not on x86_64', async () => {
  const ex = await explainFunction('demo_push');
  const arm = ex.arches.find((a) => a.arch === 'arm64')!;
  assert.equal(arm.pairs[0].level, 'api');
  assert.match(arm.pairs[0].by, /store-release/);
  assert.equal(arm.orderCount, 1);
  const x86 = ex.arches.find((a) => a.arch === 'x86_64')!;
  assert.equal(x86.pairs[0].level, 'none');
  assert.match(x86.pairs[0].fix ?? '', /insert wmb\(\) after line/);
  assert.equal(x86.orderCount, 2);
});

test('a selection restricts the accesses to the selected statements', async () => {
  const project = await newProject();
  project.setFile(DEMO, text);
  const from = lineOf('d->len = cpu_to_le32(len);');
  const to = lineOf('writel_relaxed(ring->tail');
  const r = explainOrdering({ index: project.index, path: DEMO, range: { start: { line: from, character: 0 }, end: { line: to, character: 200 } }, arches: ['arm64'] });
  assert.ok(r.ok);
  assert.deepEqual(r.explanation.accesses.map((a) => a.line), [from + 1, from + 2, to + 1]);
  assert.equal(r.explanation.arches.length, 1);
});

test('a barrier only arm64 compiles orders the pair in arm64\'s table alone', async () => {
  const path = join(FIXTURES, 'rules', 'explain-arch-only.c'); // kept in memory: setFile() gives the text
  const source = [
    'struct desc { u32 len; };',
    'struct ring { struct desc *d; void __iomem *db; dma_addr_t dma; };',
    'int ring_init(struct device *dev, struct ring *r)',
    '{',
    '\tr->d = dma_alloc_coherent(dev, 4096, &r->dma, GFP_KERNEL);',
    '\treturn r->d ? 0 : -ENOMEM;',
    '}',
    'void ring_post(struct ring *r)',
    '{',
    '\tr->d->len = 64;',
    '#ifdef CONFIG_ARM64',
    '\twmb();',
    '#endif',
    '\t__raw_writel(1, r->db);',
    '}',
  ].join('\n');
  const project = await newProject();
  project.setFile(path, source);
  const at = { line: 9, character: 0 };
  const r = explainOrdering({ index: project.index, path, range: { start: at, end: at }, arches: ['arm64', 'riscv64'] });
  assert.ok(r.ok, r.ok ? '' : r.error);
  const pair = (arch: string) => r.explanation.arches.find((a) => a.arch === arch)!.pairs.find((p) => p.first === 'A' && p.second === 'B')!;
  assert.equal(pair('arm64').level, 'api');
  assert.match(pair('arm64').by, /wmb\(\)/);
  assert.notEqual(pair('riscv64').level, 'api', 'riscv64 does not compile the wmb()');
  assert.ok(r.explanation.notes.some((n) => /only some architectures compile/.test(n)));
});

test('outside any function the answer is an error, not an exception', async () => {
  const project = await newProject();
  project.setFile(DEMO, text);
  const r = explainOrdering({ index: project.index, path: DEMO, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, arches: ['x86_64'] });
  assert.equal(r.ok, false);
});

test('linearExtensions respects every edge and counts all orders', () => {
  const r = linearExtensions(['A', 'B', 'C'], [['A', 'C']]);
  assert.equal(r.count, 3);
  for (const o of r.orders) assert.ok(o.indexOf('A') < o.indexOf('C'));
  assert.equal(linearExtensions(['A', 'B', 'C'], [['A', 'B'], ['B', 'C']]).count, 1);
});
