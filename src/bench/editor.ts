// `npm run bench:editor`: re-analysis latency after a keystroke in a 6,000-line driver, measured through the real
// server over stdio (didChange -> publishDiagnostics, debounce 0), median and 90th percentile over many edits.
// Opt-in env: FABRIC_LENS_BENCH_SERVER (another build's server.js, to compare), FABRIC_LENS_BENCH_NODE_ARGS (e.g.
// `--cpu-prof`), FABRIC_LENS_BENCH_DUMP (a file receiving every published diagnostics list, one JSON line per version),
// FABRIC_LENS_BENCH_CPU (also print the server's CPU time per edit, from /proc: less swayed by a busy machine).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection, DidChangeTextDocumentNotification, ExitNotification, ShutdownRequest, DidOpenTextDocumentNotification, InitializedNotification,
  InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const HEADER = `struct b_desc { __le64 addr; __le32 len; __le32 flags; };
struct b_ring { struct b_desc *desc; dma_addr_t dma; unsigned int tail; void __iomem *db; void __iomem *wc; spinlock_t lock; };
static int b_setup(struct device *dev, struct b_ring *r, phys_addr_t bar)
{
	r->desc = dma_alloc_coherent(dev, 4096, &r->dma, GFP_KERNEL);
	r->db = ioremap(bar, 4096);
	r->wc = ioremap_wc(bar + 4096, 4096);
	return 0;
}
`;

function fn(i: number): string {
  return `
/* function ${i} */
static int b_xmit_${i}(struct b_ring *r, dma_addr_t buf, u32 len, const u64 *wqe)
{
	struct b_desc *d = &r->desc[r->tail];
	unsigned long flags;
	int ret = 0;

	if (len > 4096)
		return -EINVAL;
	d->addr = cpu_to_le64(buf + ${i});
	d->len = cpu_to_le32(len);
	spin_lock_irqsave(&r->lock, flags);
	if (${i % 3} == 1) {
		__iowrite64_copy(r->wc, wqe, 8);
		wmb();
	}
	${i % 25 === 0 ? '' : 'wmb();'}
	writel_relaxed(r->tail, r->db);
	spin_unlock_irqrestore(&r->lock, flags);
	return ret;
}
`;
}

/** About `lines` lines of driver C: one setup function and many transmit paths, one in 25 missing its wmb(). */
export function driverOfLines(lines: number): string {
  let text = HEADER;
  for (let i = 0; text.split('\n').length < lines; i++) text += fn(i);
  return text;
}

async function main(): Promise<void> {
  const edits = Number(process.argv[2] ?? 40);
  const text = driverOfLines(6000);
  const env = process.env;
  const serverPath = env.FABRIC_LENS_BENCH_SERVER ?? join(__dirname, 'server.js');
  const nodeArgs = env.FABRIC_LENS_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const dump: string[] = [];
  const conn = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  conn.listen();
  const published: ((v: number) => void)[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.version === undefined) return;
    if (env.FABRIC_LENS_BENCH_DUMP) dump.push(JSON.stringify(p));
    published.shift()?.(p.diagnostics.length);
  });
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await conn.sendNotification(InitializedNotification.type, {});
  const uri = 'file:///bench/driver.c';
  const waitPublish = () => new Promise<number>((resolve) => published.push(resolve));
  let p = waitPublish();
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'c', version: 1, text } });
  const diagnostics = await p;
  const times: number[] = [];
  const cpuBefore = env.FABRIC_LENS_BENCH_CPU ? cpuMs(server.pid) : 0;
  const lines = text.split('\n');
  for (let v = 2; v < edits + 2; v++) {
    const at = 200 + ((v * 997) % (lines.length - 400));
    lines[at] = `${lines[at]} `;
    p = waitPublish();
    const t0 = performance.now();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: lines.join('\n') }] });
    await p;
    times.push(performance.now() - t0);
  }
  const cpuPerEdit = env.FABRIC_LENS_BENCH_CPU ? (cpuMs(server.pid) - cpuBefore) / edits : undefined;
  times.sort((a, b) => a - b);
  const q = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))].toFixed(1);
  process.stdout.write(`file: ${lines.length} lines, ${(text.length / 1024).toFixed(0)} KiB, ${diagnostics} diagnostics\n`);
  process.stdout.write(`keystroke -> diagnostics over ${edits} edits: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1 - 1e-9)} ms\n`);
  if (cpuPerEdit !== undefined) process.stdout.write(`server CPU time per edit (user + system): ${cpuPerEdit.toFixed(1)} ms\n`);
  if (env.FABRIC_LENS_BENCH_DUMP) writeFileSync(env.FABRIC_LENS_BENCH_DUMP, `${dump.join('\n')}\n`);
  if (nodeArgs.length) { // a profiled server writes its profile only on a clean exit
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    await new Promise((resolve) => server.once('exit', resolve));
  }
  conn.dispose();
  server.kill();
}

/** User + system CPU time of a process so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

if (require.main === module) void main();
