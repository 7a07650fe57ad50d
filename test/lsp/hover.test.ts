// Protocol tests: hovers from the bundled server on a mapping call, an MMIO accessor and a barrier, per architecture,
// with the Linux source citation they were generated from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LspClient } from '../helpers/lsp-client';
import { FIXTURES } from '../helpers/project';

const DEMO = join(FIXTURES, 'demo', 'demo_nic.c');
const WC = join(FIXTURES, 'rules', 'missing-wc-flush.c');
/** A kernel source citation as the hovers print it, e.g. `arch/arm64/include/asm/io.h:147-148`. */
const CITATION = /(arch\/[a-z0-9_]+|include\/asm-generic)\/[\w/.-]+\.[ch]:\d+/;

function markdown(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  return c.value;
}

/** The table row of the hover for one architecture. */
function row(md: string, arch: string): string {
  const r = md.split('\n').find((l) => l.startsWith(`| ${arch} `));
  assert.ok(r, `no row for ${arch} in:\n${md}`);
  return r;
}

describe('hover over LSP', () => {
  let client: LspClient;
  const demo = fileUri(DEMO);
  const wc = fileUri(WC);
  before(async () => {
    client = await LspClient.start();
    await client.openAndWait(demo, readFileSync(DEMO, 'utf8'));
    await client.openAndWait(wc, readFileSync(WC, 'utf8'));
  });
  after(() => client.stop());

  test('hover on ioremap_wc gives the memory type on each architecture with a kernel citation', async () => {
    const h = await client.hoverOn(wc, 'ioremap_wc');
    const md = markdown(h);
    assert.match(md, /ioremap_wc/);
    assert.match(row(md, 'x86_64'), /\| WC\b/);
    assert.match(row(md, 'arm64'), /Normal-NC/);
    assert.match(row(md, 'powerpc64'), /cache-inhibited/);
    assert.match(row(md, 'riscv64'), /\bIO\b/);
    for (const arch of ['x86_64', 'arm64', 'powerpc64', 'riscv64']) assert.match(row(md, arch), CITATION, `${arch} row cites the kernel`);
    const line = client.text(wc).split('\n')[h!.range!.start.line];
    assert.equal(line.slice(h!.range!.start.character, h!.range!.end.character), 'ioremap_wc', 'the hover range covers the call name');
  });

  test('hover on writel_relaxed gives the instruction per architecture and the memory type of the pointer it writes', async () => {
    const md = markdown(await client.hoverOn(demo, 'writel_relaxed'));
    assert.match(row(md, 'x86_64'), /`mov/);
    assert.match(row(md, 'arm64'), /`str`/);
    assert.match(row(md, 'riscv64'), /`sw\b/);
    assert.match(row(md, 'powerpc64'), /sync/);
    for (const arch of ['x86_64', 'arm64', 'powerpc64', 'riscv64']) assert.match(row(md, arch), CITATION);
    // ring->doorbell = priv->regs + 0x100, priv->regs = pci_iomap(...): an uncached mapping.
    assert.match(md, /pci_iomap\(\)/);
    assert.match(md, /x86_64: UC-/);
    assert.match(md, /arm64: Device-nGnRE/);
  });

  test('hover on an accessor through a write-combining member names the WC mapping', async () => {
    const md = markdown(await client.hoverOn(wc, '__iowrite64_copy'));
    assert.match(md, /ioremap_wc\(\)/);
    assert.match(md, /x86_64: WC/);
  });

  test('hover on dma_wmb gives the barrier instruction per architecture with a kernel citation', async () => {
    const uri = fileUri(join(FIXTURES, 'hover', 'barrier.c'));
    await client.openAndWait(uri, 'void f(void)\n{\n\tdma_wmb();\n}\n');
    const md = markdown(await client.hoverOn(uri, 'dma_wmb'));
    assert.match(row(md, 'x86_64'), /barrier\(\)/);
    assert.match(row(md, 'arm64'), /dmb oshst/);
    assert.match(row(md, 'powerpc64'), /lwsync/);
    assert.match(row(md, 'riscv64'), /fence/);
    for (const arch of ['x86_64', 'arm64', 'powerpc64', 'riscv64']) assert.match(row(md, arch), CITATION);
  });

  test('hover on rte_atomic_thread_fence gives one instruction per memory order and architecture', async () => {
    const uri = fileUri(join(FIXTURES, 'hover', 'fence.c'));
    await client.openAndWait(uri, 'void f(void)\n{\n\trte_atomic_thread_fence(rte_memory_order_acquire);\n}\n');
    const md = markdown(await client.hoverOn(uri, 'rte_atomic_thread_fence'));
    assert.match(row(md, 'acquire arm64'), /`dmb ishld`/);
    assert.match(row(md, 'release arm64'), /`dmb ish`/);
    assert.match(row(md, 'acquire riscv64'), /`fence r,rw`/);
    assert.match(row(md, 'seq_cst powerpc64'), /`sync`/);
    assert.match(row(md, 'acquire x86_64'), /compiler barrier/);
    assert.match(row(md, 'seq_cst x86_64'), /lock addl/);
  });

  test('hover on volatile in a store through a BAR mapping gives what the store compiles to and the mapping; elsewhere nothing', async () => {
    const udev = join(FIXTURES, 'projects', 'vfio-user-bar', 'udev.c');
    const uri = fileUri(udev);
    await client.openAndWait(uri, readFileSync(udev, 'utf8'));
    const md = markdown(await client.hoverOn(uri, 'volatile', 'd->regs + 0x80'));
    assert.match(md, /volatile store through device memory/);
    assert.match(row(md, 'arm64'), /`a plain volatile store \(strb\/strh\/str\)`/);
    assert.match(row(md, 'x86_64'), /`a plain volatile store \(mov\)`/);
    // d->regs = mmap() of the vfio BAR0 region: pgprot_noncached.
    assert.match(md, /`mmap\(\)` → .*arm64: Device-nGnRnE/);
    const local = fileUri(join(FIXTURES, 'hover', 'volatile-local.c'));
    await client.openAndWait(local, 'void f(void)\n{\n\tvolatile int done = 0;\n\t*(volatile int *)&done = 1;\n}\n');
    assert.equal(await client.hoverOn(local, 'volatile', '&done'), null);
  });

  test('hover on an identifier that is no mapping, accessor or barrier returns nothing', async () => {
    assert.equal(await client.hoverOn(demo, 'demo_xmit_ordered'), null);
  });

  test('hover follows targetArch: with powerpc64 only the powerpc64 row is shown', async () => {
    await client.pushConfiguration({ targetArch: 'powerpc64' });
    try {
      const md = markdown(await client.hoverOn(wc, 'ioremap_wc'));
      assert.match(md, /\| powerpc64 /);
      assert.doesNotMatch(md, /\| (x86_64|arm64|riscv64) /);
    } finally {
      await client.pushConfiguration({ targetArch: 'all' });
    }
  });
});
