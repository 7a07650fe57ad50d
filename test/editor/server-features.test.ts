// The server's editor features over real LSP (dist/server.js --stdio): rule-doc links, preferred quick fixes, linked
// hover citations, explain-ordering via workspace/executeCommand, indexing progress that does not block the open
// file, and re-indexing of a closed helper file on a file-watcher event.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import { DIST, FIXTURES } from '../helpers/project';

interface Published { uri: string; diagnostics: { code?: string; codeDescription?: { href: string }; range: { start: { line: number } }; data?: unknown }[] }

class Client {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly events: { kind: string; value: unknown }[] = [];
  private waiters: (() => void)[] = [];
  constructor() {
    this.proc = spawn(process.execPath, [join(DIST, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    const push = (kind: string, value: unknown) => { this.events.push({ kind, value }); for (const w of this.waiters.splice(0)) w(); };
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => push('diagnostics', p));
    this.conn.onNotification('$/progress', (p) => push('progress', p));
    this.conn.onRequest('window/workDoneProgress/create', (p) => { push('progress-create', p); return null; });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.conn.onNotification('window/logMessage', (p: { message: string }) => push('log', p.message));
    this.conn.listen();
  }
  /** Waits until `pred` holds for the recorded events (re-checked on every new event), or fails after `ms`. */
  async until<T>(what: string, pred: () => T | undefined, ms = 20000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v !== undefined && v !== false) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => { const t = setTimeout(resolve, left); this.waiters.push(() => { clearTimeout(t); resolve(); }); });
    }
  }
  lastDiagnostics(uri: string, after = 0): Published | undefined {
    for (let i = this.events.length - 1; i >= after; i--) {
      const e = this.events[i];
      if (e.kind === 'diagnostics' && (e.value as Published).uri === uri) return e.value as Published;
    }
    return undefined;
  }
  async start(rootDir: string, init: Record<string, unknown> = {}): Promise<void> {
    await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(rootDir).href, workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'ws' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: false } }, initializationOptions: { debounceMs: 10, ...init },
    });
    await this.conn.sendNotification('initialized', {});
  }
  open(path: string): string {
    const uri = pathToFileURL(path).href;
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text: readFileSync(path, 'utf8') } });
    return uri;
  }
  async stop(): Promise<void> {
    await this.conn.sendRequest('shutdown').catch(() => undefined);
    const exited = new Promise((resolve) => { this.proc.once('exit', resolve); setTimeout(resolve, 3000).unref(); });
    await this.conn.sendNotification('exit').catch(() => undefined);
    await exited;
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

const temps: string[] = [];
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'fl-server-')); temps.push(d); return d; };
after(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

test('diagnostics link rule docs; the wmb fix is the one preferred action; hovers link kernel citations', async () => {
  const ws = tempDir();
  copyFileSync(join(FIXTURES, 'demo', 'demo_nic.c'), join(ws, 'demo_nic.c'));
  const c = new Client();
  try {
    await c.start(ws, { settings: { sourceBrowser: 'https://src.example/linux' }, docsBase: 'https://docs.example/rules' });
    const uri = c.open(join(ws, 'demo_nic.c'));
    const pub = await c.until('demo diagnostics', () => { const p = c.lastDiagnostics(uri); return p && p.diagnostics.length >= 2 ? p : undefined; });
    const wmb = pub.diagnostics.find((d) => d.code === 'missing-wmb-before-doorbell')!;
    assert.ok(wmb);
    assert.equal(wmb.codeDescription?.href, 'https://docs.example/rules/missing-wmb-before-doorbell.md');
    const actions = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: wmb.range, context: { diagnostics: [wmb] } }) as { title: string; isPreferred?: boolean }[];
    assert.ok(actions.length >= 2, 'several fixes for the doorbell');
    assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), ['Insert wmb() before the doorbell']);
    const line = readFileSync(join(ws, 'demo_nic.c'), 'utf8').split('\n').findIndex((l) => l.includes('writel_relaxed(ring->tail'));
    const hover = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } }) as { contents: { value: string } };
    assert.match(hover.contents.value, /\[include\/asm-generic\/io\.h:\d+(-\d+)?\]\(https:\/\/src\.example\/linux\/include\/asm-generic\/io\.h#L\d+\)/);
    const ex = await c.conn.sendRequest('workspace/executeCommand', { command: 'fabric-lens.explainOrdering', arguments: [{ uri, range: { start: { line, character: 0 }, end: { line, character: 0 } }, arches: ['arm64'] }] }) as { ok: boolean; explanation: { function: string; arches: { arch: string; orderCount: number }[] } };
    assert.equal(ex.ok, true);
    assert.equal(ex.explanation.function, 'demo_xmit');
    assert.deepEqual(ex.explanation.arches.map((a) => a.arch), ['arm64']);
  } finally { await c.stop(); }
});

test('without docsBase the packaged docs/rules folder beside the bundle is linked as a file: URL', async () => {
  const ws = tempDir();
  copyFileSync(join(FIXTURES, 'demo', 'demo_nic.c'), join(ws, 'demo_nic.c'));
  const c = new Client();
  try {
    await c.start(ws);
    const uri = c.open(join(ws, 'demo_nic.c'));
    const pub = await c.until('diagnostics', () => { const p = c.lastDiagnostics(uri); return p && p.diagnostics.some((d) => d.code === 'missing-wmb-before-doorbell') ? p : undefined; });
    const wmb = pub.diagnostics.find((d) => d.code === 'missing-wmb-before-doorbell')!;
    assert.match(wmb.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\/missing-wmb-before-doorbell\.md$/);
    // Every link points at a page that exists (a rule without a page gets no link rather than a broken one).
    for (const d of pub.diagnostics) {
      if (d.codeDescription) assert.ok(readFileSync(new URL(d.codeDescription.href), 'utf8').length > 0, `${d.codeDescription.href} exists`);
    }
  } finally { await c.stop(); }
});

test('a large workspace is indexed with window progress while the open file gets its diagnostics first', async () => {
  const ws = tempDir();
  mkdirSync(join(ws, 'gen'));
  for (let i = 0; i < 800; i++) writeFileSync(join(ws, 'gen', `f${i}.c`), `static int f${i}(int *p) { int s = 0; for (int k = 0; k < 8; k++) s += p[k]; if (s > ${i}) return s; return -s; }\n`);
  copyFileSync(join(FIXTURES, 'demo', 'demo_nic.c'), join(ws, 'demo_nic.c'));
  const c = new Client();
  try {
    await c.start(ws);
    const uri = c.open(join(ws, 'demo_nic.c'));
    const end = await c.until('progress end', () => c.events.findIndex((e) => e.kind === 'progress' && (e.value as { value: { kind: string } }).value.kind === 'end') + 1 || undefined, 60000);
    assert.ok(c.events.some((e) => e.kind === 'progress-create'), 'window/workDoneProgress/create');
    const begin = c.events.find((e) => e.kind === 'progress' && (e.value as { value: { kind: string } }).value.kind === 'begin');
    assert.match(JSON.stringify(begin), /Fabric Lens: indexing/);
    const firstDiag = c.events.findIndex((e) => e.kind === 'diagnostics' && (e.value as Published).uri === uri && (e.value as Published).diagnostics.length > 0);
    assert.ok(firstDiag >= 0 && firstDiag < end - 1, `the open file's diagnostics (event ${firstDiag}) came before indexing ended (event ${end - 1})`);
  } finally { await c.stop(); }
});

test('over its memory budget the index takes the open driver\'s helper first and says what it left out', async () => {
  const ws = tempDir();
  mkdirSync(join(ws, 'a-filler'));
  for (let i = 0; i < 400; i++) writeFileSync(join(ws, 'a-filler', `f${i}.c`), `static int f${i}(int *p) { int s = 0; for (int k = 0; k < 8; k++) s += p[k]; return s + ${i}; }\n`.repeat(8));
  mkdirSync(join(ws, 'drivers', 'nic'), { recursive: true });
  writeFileSync(join(ws, 'drivers', 'nic', 'ring.c'), `#include <linux/io.h>\nvoid ring_doorbell(void __iomem *db, unsigned int tail)\n{\n\twritel_relaxed(tail, db);\n}\n`);
  const driver = join(ws, 'drivers', 'nic', 'xmit.c');
  writeFileSync(driver, `#include <linux/dma-mapping.h>\nstruct d { unsigned int flags; };\nvoid ring_doorbell(void __iomem *db, unsigned int tail);\nstatic void xmit(struct device *dev, void __iomem *db, dma_addr_t *h)\n{\n\tstruct d *desc = dma_alloc_coherent(dev, 64, h, 0);\n\tdesc->flags = 1;\n\tring_doorbell(db, 1);\n}\n`);
  const c = new Client();
  try {
    await c.start(ws, { indexBudgetMB: 0.5 });
    const uri = c.open(driver);
    await c.until('finding through the helper', () => c.lastDiagnostics(uri)?.diagnostics.some((d) => d.code === 'missing-wmb-before-doorbell') || undefined);
    const log = await c.until('the index summary', () => c.events.find((e) => e.kind === 'log' && /left out \d+ file/.test(String(e.value)))?.value);
    const [, indexed, total] = /indexed (\d+) of (\d+) C file/.exec(String(log)) ?? [];
    assert.equal(Number(total), 402);
    assert.ok(Number(indexed) < 200, `the budget held the index to ${indexed} files`);
  } finally { await c.stop(); }
});

test('a closed helper that changes on disk is re-indexed on the watcher event and the open file re-checked', async () => {
  const ws = tempDir();
  const helper = join(ws, 'ring.c');
  const driver = join(ws, 'xmit.c');
  const body = (barrier: string) => `#include <linux/io.h>\nvoid ring_doorbell(void __iomem *db, unsigned int tail)\n{\n${barrier}\twritel_relaxed(tail, db);\n}\n`;
  writeFileSync(helper, body(''));
  writeFileSync(driver, `#include <linux/dma-mapping.h>\nstruct d { unsigned int flags; };\nvoid ring_doorbell(void __iomem *db, unsigned int tail);\nstatic void xmit(struct device *dev, void __iomem *db, dma_addr_t *h)\n{\n\tstruct d *desc = dma_alloc_coherent(dev, 64, h, 0);\n\tdesc->flags = 1;\n\tring_doorbell(db, 1);\n}\n`);
  const c = new Client();
  try {
    await c.start(ws);
    await c.until('indexing end', () => c.events.some((e) => e.kind === 'progress' && (e.value as { value: { kind: string } }).value.kind === 'end') || undefined);
    const uri = c.open(driver);
    await c.until('finding through the helper', () => c.lastDiagnostics(uri)?.diagnostics.some((d) => d.code === 'missing-wmb-before-doorbell') || undefined);
    const mark = c.events.length;
    writeFileSync(helper, body('\twmb();\n'));
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(helper).href, type: 2 }] });
    await c.until('finding gone after the helper gained wmb()', () => { const p = c.lastDiagnostics(uri, mark); return p && !p.diagnostics.some((d) => d.code === 'missing-wmb-before-doorbell') ? p : undefined; });
  } finally { await c.stop(); }
});
