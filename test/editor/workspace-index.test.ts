// The editor's workspace index under a memory budget: files nearest the open documents first, farther ones dropped
// to make room when a document opens elsewhere, open documents never dropped, and the heap cost estimate.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { byNearness, directoryParts, estimatedHeapCost, nearness } from '../../server/index-priority';
import { listCFiles, WorkspaceIndexer } from '../../server/workspace-index';
import { newProject } from '../helpers/project';

const temps: string[] = [];
after(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

const near = (file: string, doc: string) => nearness(directoryParts(file), directoryParts(doc));

test('nearness: shared directories, and an include/ directory named like a directory of the document', () => {
  const doc = '/k/drivers/net/ethernet/mellanox/mlx5/core/en_tx.c';
  assert.equal(near('/k/drivers/net/ethernet/mellanox/mlx5/core/wq.h', doc), 7);
  assert.equal(near('/k/drivers/net/ethernet/mellanox/mlx4/en_tx.c', doc), 5);
  assert.equal(near('/k/drivers/scsi/hpsa.c', doc), 2);
  assert.equal(near('/k/include/linux/mlx5/qp.h', doc), 6, 'include/linux/mlx5 holds mlx5 helpers');
  assert.equal(near('/k/include/linux/pci.h', doc), 1, 'linux/ names no driver');
  assert.equal(near('/k/arch/arm64/include/asm/io.h', doc), 1);
});

test('byNearness: the nearest files first, listing order among equals, listing order with nothing open', () => {
  const files = ['/w/a/x.c', '/w/b/c/y.c', '/w/b/z.c', '/w/b/c/w.c'];
  assert.deepEqual(byNearness(files, ['/w/b/c/open.c']).map((r) => r.file), ['/w/b/c/y.c', '/w/b/c/w.c', '/w/b/z.c', '/w/a/x.c']);
  assert.deepEqual(byNearness(files, []).map((r) => r.file), files);
});

test('estimatedHeapCost: code costs several times what register #defines of the same size cost', () => {
  const code = 'static int f(int *p)\n{\n\treturn p[0] + p[1];\n}\n'.repeat(50);
  const defines = '#define REG_A_OFFSET 0x0001234\n'.repeat(70);
  assert.ok(estimatedHeapCost(code) > 4 * estimatedHeapCost(defines.slice(0, code.length)));
  assert.equal(estimatedHeapCost(''), 0);
});

/** A workspace: `filler/` of many small files (listed first), and two drivers far from it and from each other. */
function workspace(): { root: string; one: string; two: string; helperOne: string; helperTwo: string } {
  const root = mkdtempSync(join(tmpdir(), 'fl-index-'));
  temps.push(root);
  mkdirSync(join(root, 'a-filler'));
  for (let i = 0; i < 60; i++) writeFileSync(join(root, 'a-filler', `f${i}.c`), `static int f${i}(int *p) { int s = 0; for (int k = 0; k < 8; k++) s += p[k]; return s + ${i}; }\n`.repeat(4));
  const driver = (dir: string) => {
    mkdirSync(join(root, 'drivers', dir), { recursive: true });
    writeFileSync(join(root, 'drivers', dir, 'ring.c'), `#include <linux/io.h>\nvoid ${dir}_ring(void __iomem *db, unsigned int tail)\n{\n\twritel_relaxed(tail, db);\n}\n`);
    writeFileSync(join(root, 'drivers', dir, 'xmit.c'), `void ${dir}_ring(void __iomem *db, unsigned int tail);\n`);
    return [join(root, 'drivers', dir, 'xmit.c'), join(root, 'drivers', dir, 'ring.c')];
  };
  const [one, helperOne] = driver('one');
  const [two, helperTwo] = driver('two');
  return { root, one, two, helperOne, helperTwo };
}

async function indexer(budgetFiles: number, open: Set<string>) {
  const ws = workspace();
  const project = await newProject();
  const files = listCFiles(ws.root);
  const fillerCost = estimatedHeapCost(`static int f10(int *p) { int s = 0; for (int k = 0; k < 8; k++) s += p[k]; return s + 10; }\n`.repeat(4));
  const idx = new WorkspaceIndexer(project, files, budgetFiles * fillerCost, { isOpen: (p) => open.has(p), openPaths: () => [...open], heapShare: () => 0 });
  return { ws, project, files, idx };
}

test('under the budget the index takes the open document\'s neighbourhood first and leaves the farthest files out', async () => {
  const open = new Set<string>();
  const { ws, files, idx } = await indexer(20, open);
  assert.equal(files[0].includes('a-filler'), true, 'the filler is listed first');
  open.add(ws.one);
  const result = await idx.run();
  assert.ok(idx.isIndexed(ws.helperOne), 'the open driver\'s helper is indexed');
  assert.ok(idx.usedEstimate <= idx.budget, `${idx.usedEstimate} <= ${idx.budget}`);
  assert.ok(result.leftOut > 0 && idx.indexedCount < files.length - 1, `left out ${result.leftOut}`);
});

test('a document opening elsewhere brings its neighbourhood in, dropping farther files, never an open one', async () => {
  const open = new Set<string>();
  const { ws, project, idx } = await indexer(20, open);
  await idx.run(); // nothing open: listing order, the filler fills the budget
  assert.ok(!idx.isIndexed(ws.helperTwo), 'the second driver did not fit at first');
  open.add(ws.one);
  project.setFile(ws.one, '/* the editor text */\n');
  const first = await idx.run();
  open.add(ws.two);
  const second = await idx.run();
  assert.ok(idx.isIndexed(ws.helperOne) && idx.isIndexed(ws.helperTwo), 'both open drivers\' helpers are indexed');
  assert.ok(first.evicted + second.evicted > 0, 'filler files were dropped to make room');
  assert.ok(project.index.get(ws.one) !== undefined, 'the open document stays in the project');
  assert.ok(idx.usedEstimate <= idx.budget);
});

test('with room for everything every file is indexed, and watched changes keep the count', async () => {
  const open = new Set<string>();
  const { ws, files, idx } = await indexer(1000, open);
  const result = await idx.run();
  assert.equal(result.leftOut, 0);
  assert.equal(idx.indexedCount, files.length);
  const added = join(ws.root, 'drivers', 'one', 'new.c');
  writeFileSync(added, 'int added;\n');
  assert.deepEqual(idx.applyChanges([{ path: added, type: 'created' }, { path: ws.helperTwo, type: 'deleted' }]), { changed: 1, created: 1 });
  await idx.run();
  assert.ok(idx.isIndexed(added) && !idx.isIndexed(ws.helperTwo));
  assert.equal(idx.indexedCount, files.length);
});
