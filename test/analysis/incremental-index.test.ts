// Editing one file updates the project index in place (functions swapped, caches dropped): results always equal
// those of an index built from scratch over the same texts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../src/engine/findings';
import { FIXTURES, newProject } from '../helpers/project';

const HEADER = `struct q { u32 *ring; dma_addr_t dma; void __iomem *db; };
int q_alloc(struct device *dev, struct q *q, phys_addr_t bar)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	q->db = ioremap(bar, 64);
	return 0;
}
`;

const TX = (barrier: string) => `void q_kick(struct q *q)
{
	q->ring[0] = 1;
	${barrier}
	writel_relaxed(1, q->db);
}
`;

function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.span.start.line}:${f.rule}:${f.arches.join(',')}`).sort();
}

async function fresh(texts: Record<string, string>): Promise<string[]> {
  const p = await newProject();
  for (const [path, text] of Object.entries(texts)) p.setFile(path, text);
  return summary(p.check(Object.keys(texts)));
}

test('a keystroke inside a function updates findings in place and matches a fresh index', async () => {
  const p = await newProject();
  p.setFile('/w/q.h', HEADER);
  p.setFile('/w/tx.c', TX(''));
  const before = summary(p.check(['/w/q.h', '/w/tx.c']));
  assert.ok(before.some((s) => s.includes('missing-wmb-before-doorbell')));
  for (const [barrier, expectBug] of [['wmb();', false], ['', true], ['dma_wmb();', false], ['barrier();', true]] as const) {
    p.setFile('/w/tx.c', TX(barrier));
    const now = summary(p.check(['/w/q.h', '/w/tx.c']));
    assert.deepEqual(now, await fresh({ '/w/q.h': HEADER, '/w/tx.c': TX(barrier) }), `after editing to '${barrier}'`);
    assert.equal(now.some((s) => s.includes('missing-wmb-before-doorbell') || s.includes('dma-wmb-insufficient')), expectBug);
  }
});

test('changing a struct in another file is seen by the next check (the index is rebuilt)', async () => {
  const p = await newProject();
  p.setFile('/w/q.h', HEADER);
  p.setFile('/w/tx.c', TX(''));
  assert.ok(summary(p.check(['/w/tx.c'])).length > 0);
  const noDma = HEADER.replace('dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL)', 'kzalloc(4096, GFP_KERNEL)');
  p.setFile('/w/q.h', noDma);
  assert.deepEqual(summary(p.check(['/w/tx.c'])), await fresh({ '/w/q.h': noDma, '/w/tx.c': TX('') }).then((all) => all.filter((s) => s.startsWith('/w/tx.c'))));
  assert.ok(!summary(p.check(['/w/tx.c'])).some((s) => s.includes('missing-wmb-before-doorbell')));
});

test('editing the #ifdef around an unchanged function renarrows its cached findings (archRegions changed)', async () => {
  const p = await newProject();
  const text = (symbol: string) => `${HEADER}#ifdef ${symbol}\n${TX('')}#endif\n`;
  const arches = () => p.check(['/w/tx.c'], { incremental: true }).filter((f) => f.rule === 'missing-wmb-before-doorbell').map((f) => f.arches.join(','));
  p.setFile('/w/tx.c', text('CONFIG_ARM64'), { incremental: true });
  assert.deepEqual(arches(), ['arm64']);
  p.setFile('/w/tx.c', text('CONFIG_RISCV'), { incremental: true }); // same length: q_kick keeps its text and position
  assert.deepEqual(arches(), ['riscv64']);
  p.setFile('/w/tx.c', text('CONFIG_FOO12'), { incremental: true });
  assert.deepEqual(arches(), ['x86_64,arm64,riscv64']);
});

const WALK = (bound: string) => `struct ent { __le16 status; __le16 flags; __le32 len; };
struct hq { struct ent *ents; dma_addr_t dma; unsigned int ci; void __iomem *reg; int bytes; };
int hq_alloc(struct device *dev, struct hq *q)
{
	q->ents = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->ents ? 0 : -ENOMEM;
}
static void hq_take(struct hq *q, unsigned int i)
{
	struct ent *e = &q->ents[i];

	if (le16_to_cpu(e->flags) & BIT(3))
		return;
	q->bytes += le32_to_cpu(e->len);
}
void hq_walk(struct hq *q)
{
	u32 pi = readl(q->reg);

	while (${bound}) {
		hq_take(q, q->ci);
		q->ci = (q->ci + 1) & 255;
	}
}
`;

test('editing the caller that bounds a helper\'s walk re-checks the helper (its cached findings depend on the caller)', async () => {
  const p = await newProject();
  const rmb = () => summary(p.check(['/w/hq.c'], { incremental: true })).filter((s) => s.includes('missing-dma-rmb'));
  p.setFile('/w/hq.c', WALK('q->ci != pi'), { incremental: true });
  assert.deepEqual(rmb(), []);
  p.setFile('/w/hq.c', WALK('pi & BIT(0)'), { incremental: true }); // an interrupt status bit bounds nothing
  assert.deepEqual(rmb(), (await fresh({ '/w/hq.c': WALK('pi & BIT(0)') })).filter((s) => s.includes('missing-dma-rmb')));
  assert.equal(rmb().length, 1);
});

test('defining, changing and removing a called helper in the edited file changes what the call reaches', async () => {
  const p = await newProject();
  const kick = (helper: string) => `${helper}void q_kick(struct q *q)
{
	q->ring[0] = 1;
	q_doorbell(q);
}
`;
  const helper = (barrier: string) => `static void q_doorbell(struct q *q)
{
	${barrier}
	writel_relaxed(1, q->db);
}
`;
  p.setFile('/w/q.h', HEADER);
  for (const [text, expectBug] of [[kick(''), false], [kick(helper('')), true], [kick(helper('wmb();')), false], [kick(''), false], [kick(helper('')), true]] as const) {
    p.setFile('/w/tx.c', text, { incremental: true });
    const now = summary(p.check(['/w/q.h', '/w/tx.c'], { incremental: true }));
    assert.deepEqual(now, await fresh({ '/w/q.h': HEADER, '/w/tx.c': text }));
    assert.equal(now.some((s) => s.includes('missing-wmb-before-doorbell')), expectBug, text);
  }
});

test('a called helper first indexed after the caller was checked reaches the call: a new file, or appended below the caller', async () => {
  const kick = `void q_kick(struct q *q)
{
	q->ring[0] = 1;
	q_doorbell(q);
}
`;
  const helper = `void q_doorbell(struct q *q)
{
	writel_relaxed(1, q->db);
}
`;
  const p = await newProject();
  p.setFile('/w/q.h', HEADER);
  p.setFile('/w/tx.c', kick, { incremental: true });
  assert.deepEqual(summary(p.check(['/w/tx.c'], { incremental: true })), []);
  p.setFile('/w/db.c', helper); // the background index reaches the helper's file
  const now = summary(p.check(['/w/tx.c'], { incremental: true }));
  assert.deepEqual(now, (await fresh({ '/w/q.h': HEADER, '/w/tx.c': kick, '/w/db.c': helper })).filter((s) => s.startsWith('/w/tx.c')));
  assert.ok(now.some((s) => s.includes('missing-wmb-before-doorbell')), 'the call reaches the new file\'s helper');

  const q = await newProject();
  q.setFile('/w/q.h', HEADER);
  q.setFile('/w/tx.c', kick, { incremental: true });
  assert.deepEqual(summary(q.check(['/w/tx.c'], { incremental: true })), []);
  q.setFile('/w/tx.c', kick + helper, { incremental: true }); // typed below: the caller's text and place are unchanged
  assert.ok(summary(q.check(['/w/tx.c'], { incremental: true })).some((s) => s.includes('missing-wmb-before-doorbell')), 'the call reaches the helper typed below it');
});

const COLD = (slot: string, top: string, tail = '') => `struct wq { u32 __iomem *wc; };
static void wq_burst(struct wq *q)
{
	writel(1, q->wc);
	writel(2, q->wc + 1);
}
static void wq_mid(struct wq *q)
{
	wq_burst(q);
}
static void wq_low(struct wq *q)
{
	wq_mid(q);
}
static int wq_top(struct pci_dev *pdev)
{
	struct wq *q = pci_get_drvdata(pdev);

	q->wc = ioremap_wc(0, 64);
	${top}
	return 0;
}
static struct pci_driver wq_driver = { .${slot} = wq_top };
${tail}`;

test('a burst\'s cold path follows edits of the driver table and of a caller three levels up (cold-path.ts)', async () => {
  const p = await newProject();
  const wc = () => summary(p.check(['/w/wq.c'], { incremental: true })).filter((s) => s.includes('wc-combining-defeated'));
  const xmit = 'static int wq_xmit(struct wq *q)\n{\n\twq_low(q);\n\treturn 0;\n}\n';
  const steps: [string, string, boolean, string?][] = [
    ['probe', 'wq_low(q);', false], ['name', 'wq_low(q);', true], ['probe', 'wq_low(q);', false],
    ['probe', 'wq_low(q); ', false], ['probe', 'wq_low(q); wq_mid(q);', false], ['probe', 'wq_mid(q);', true],
    ['probe', 'wq_low(q);', false], ['probe', 'wq_low(q);', true, xmit], // a caller added at the end: nothing before it moves
  ];
  for (const [slot, top, reported, tail] of steps) {
    p.setFile('/w/wq.c', COLD(slot, top, tail), { incremental: true });
    const fromScratch = (await fresh({ '/w/wq.c': COLD(slot, top, tail) })).filter((s) => s.includes('wc-combining-defeated'));
    assert.deepEqual(wc(), fromScratch, `${slot} ${top}`);
    assert.equal(wc().length > 0, reported, `${slot} ${top}`);
  }
});

const PTR_HEADER = `struct q;
struct q_ops { void (*sync)(struct q *q); };
struct q { u32 *ring; dma_addr_t dma; void __iomem *db; const struct q_ops *ops; void (*flush)(struct q *q); };
`;
const PTR_OPS = (body: string) => `#include "q.h"
static void q_sync(struct q *q)
{
	${body}
}
static void q_flush_wmb(struct q *q)
{
	wmb();
}
static const struct q_ops q_default_ops = { .sync = q_sync };
int q_alloc(struct device *dev, struct q *q, phys_addr_t bar, int fast)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	q->db = ioremap(bar, 64);
	return 0;
}
void q_setup(struct q *q)
{
	q->flush = q_flush_wmb;
}
`;
const PTR_TX = `#include "q.h"
void q_kick(struct q *q)
{
	q->ring[0] = 1;
	q->ops->sync(q);
	writel_relaxed(1, q->db);
}
void q_kick_flush(struct q *q)
{
	q->ring[0] = 1;
	q->flush(q);
	writel_relaxed(1, q->db);
}
`;

test('editing the function a pointer call reaches, or what a member is set to, updates the cached findings of its callers', async () => {
  const p = await newProject();
  const files = ['/w/q.h', '/w/ops.c', '/w/tx.c'];
  const check = () => summary(p.check(files, { incremental: true }));
  const bugs = (s: string[]) => s.filter((x) => x.includes('missing-wmb-before-doorbell')).length;
  p.setFile('/w/q.h', PTR_HEADER, { incremental: true });
  p.setFile('/w/ops.c', PTR_OPS('wmb();'), { incremental: true });
  p.setFile('/w/tx.c', PTR_TX, { incremental: true });
  assert.equal(bugs(check()), 0);
  p.setFile('/w/ops.c', PTR_OPS('barrier();'), { incremental: true });
  assert.equal(bugs(check()), 1, 'q_sync lost its barrier');
  const swapped = PTR_OPS('barrier();').replace('q->flush = q_flush_wmb;', 'q->flush = q_sync;');
  p.setFile('/w/ops.c', swapped, { incremental: true }); // q_setup is kept as text: its stored function still counts
  const now = check();
  assert.deepEqual(now, await fresh({ '/w/q.h': PTR_HEADER, '/w/ops.c': swapped, '/w/tx.c': PTR_TX }));
  assert.equal(bugs(now), 2, 'q->flush now holds q_sync, which has no barrier');
});

test('an edit that hands a doorbell member to an ops-table call (or stops) moves the redundant-barrier hint', async () => {
  const DEV = (connect: string) => `struct ops { int (*get_db)(void *c, void __iomem **db); };
struct ep { u32 *sq; dma_addr_t sq_dma; void __iomem *db; };
extern const struct ops *ops;
int ep_connect(struct device *dev, struct ep *ep, phys_addr_t bar)
{
	ep->sq = dma_alloc_coherent(dev, 4096, &ep->sq_dma, GFP_KERNEL);
	ep->db = ioremap(bar, 64);
	${connect}
	return 0;
}
void ep_kick(struct ep *ep)
{
	ep->sq[0] = 1;
	wmb();
	writel(1, ep->db);
}
`;
  const p = await newProject();
  p.setFile('/w/ep.c', DEV(''));
  assert.ok(summary(p.check(['/w/ep.c'])).some((s) => s.includes('redundant-barrier')));
  for (const [connect, hint] of [['ops->get_db(NULL, &ep->db);', false], ['', true], ['ops->get_db(NULL, &ep->db);', false]] as const) {
    p.setFile('/w/ep.c', DEV(connect));
    const now = summary(p.check(['/w/ep.c']));
    assert.deepEqual(now, await fresh({ '/w/ep.c': DEV(connect) }), `after editing to '${connect}'`);
    assert.equal(now.some((s) => s.includes('redundant-barrier')), hint, `hint after '${connect}'`);
  }
});

test('retyping the device of a function storing a BAR address re-checks the cached cpu-phys-as-bus-address findings of its readers', async () => {
  const p = await newProject();
  const text = (device: string) => `struct bq { phys_addr_t bar; void __iomem *db; };
static int bq_setup(struct ${device} *pdev, struct bq *q)
{
	q->bar = pci_resource_start(pdev, 0);
	q->db = ioremap(q->bar, 64);
	return 0;
}
static void bq_post(struct bq *q)
{
	writel(q->bar, q->db);
}
`;
  const busFindings = () => summary(p.check(['/w/bq.c'], { incremental: true })).filter((s) => s.includes('cpu-phys-as-bus-address'));
  // The member write is the same text in each version (provenance unchanged); only the parameter's type says the bus.
  for (const [device, expectBug] of [['pci_dev', true], ['platform_device', false], ['pci_dev', true]] as const) {
    p.setFile('/w/bq.c', text(device), { incremental: true });
    const now = busFindings();
    assert.deepEqual(now, (await fresh({ '/w/bq.c': text(device) })).filter((s) => s.includes('cpu-phys-as-bus-address')), device);
    assert.equal(now.length > 0, expectBug, device);
  }
});

test('editing the value a probe-time store gives a device member, or a #define it reads, re-checks cached iomem-plain-access findings of its readers', async () => {
  const p = await newProject();
  const text = (value: string, zero: string) => `#define DESC_ZERO ${zero}
struct rdesc { u16 buf_lo; u16 mode; };
struct rdev { struct rdesc __iomem *d; };
static int rdev_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct rdev *r = kzalloc(sizeof(*r), GFP_KERNEL);
	r->d = pci_ioremap_bar(pdev, 2);
	r->d->buf_lo = ${value};
	return 0;
}
static struct pci_driver rdev_driver = { .name = "rdev", .probe = rdev_probe };
static u32 rdev_rx(struct rdev *r)
{
	r->d->mode = DESC_ZERO;
	return r->d->buf_lo;
}
`;
  const rxFindings = () => summary(p.check(['/w/rd.c'], { incremental: true })).filter((s) => s.includes('iomem-plain-access'));
  // rdev_rx's text never changes: what decides its findings is rdev_probe's stored value and DESC_ZERO's value.
  for (const [value, zero] of [['id->driver_data >> 4', '0'], ['0x1234', '0'], ['id->driver_data >> 4', '0'], ['id->driver_data >> 4', '0x12']]) {
    p.setFile('/w/rd.c', text(value, zero), { incremental: true });
    assert.deepEqual(rxFindings(), (await fresh({ '/w/rd.c': text(value, zero) })).filter((s) => s.includes('iomem-plain-access')), `${value} / ${zero}`);
  }
});

test('editing another function\'s use of a host copy re-checks cached iomem-plain-access findings of a load compared with it', async () => {
  const p = await newProject();
  const text = (use: string) => `struct lk_vc { u16 frac; };
struct lk_sh { u16 last_frac; };
struct lk_dev { struct lk_vc __iomem *vc; struct lk_sh *sh; };
static int lk_map(struct pci_dev *pdev, struct lk_dev *d)
{
	d->vc = pci_ioremap_bar(pdev, 4);
	d->sh->last_frac = 0;
	return 0;
}
static int lk_stuck(struct lk_dev *d)
{
	u16 frac = d->vc->frac;
	int stuck = frac == d->sh->last_frac;
	d->sh->last_frac = frac;
	return stuck;
}
static int lk_other(struct lk_dev *d)
{
	return ${use};
}
`;
  const findings = () => summary(p.check(['/w/lk.c'], { incremental: true })).filter((s) => s.includes('iomem-plain-access'));
  // lk_stuck's text never changes: what decides its finding is whether lk_other reads last_frac as a number.
  for (const use of ['0', 'd->sh->last_frac + 1', '0', 'd->sh->last_frac = 5']) {
    p.setFile('/w/lk.c', text(use), { incremental: true });
    assert.deepEqual(findings(), (await fresh({ '/w/lk.c': text(use) })).filter((s) => s.includes('iomem-plain-access')), use);
  }
});

test('replacing the DMA allocation stored into a reply-queue array element re-checks the cached missing-dma-rmb findings that rest on it', async () => {
  const fixture = readFileSync(join(FIXTURES, 'rules/missing-dma-rmb-address-dependency.c'), 'utf8');
  const dma = 'x->reply_q[q] = dma_pool_alloc(x->reply_pool, GFP_KERNEL, &x->reply_dma[q]);';
  assert.ok(fixture.includes(dma));
  const p = await newProject();
  const rmb = () => summary(p.check(['/w/x.c'], { incremental: true })).filter((s) => s.includes('missing-dma-rmb'));
  // xctl_complete()'s text never changes: whether its reply entries are device-written memory is xctl_alloc()'s store.
  for (const text of [fixture, fixture.replace(dma, 'x->reply_q[q] = kzalloc(64, GFP_KERNEL);'), fixture]) {
    p.setFile('/w/x.c', text, { incremental: true });
    assert.deepEqual(rmb(), (await fresh({ '/w/x.c': text })).filter((s) => s.includes('missing-dma-rmb')));
  }
});

test('editing only the argument a probe passes a setup helper storing it into a member re-checks the cached redundant-barrier hint of its readers', async () => {
  const p = await newProject();
  const text = (db: string) => `struct eng { u32 *ring; dma_addr_t ring_dma; void __iomem *db; };
struct hdev { void __iomem *regs; void __iomem *dbs; struct eng e; };
static void eng_setup(struct eng *e, void __iomem *db)
{
	e->db = db;
}
static int hdev_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct hdev *h = kzalloc(sizeof(*h), GFP_KERNEL);
	h->regs = pci_ioremap_bar(pdev, 0);
	h->dbs = pci_ioremap_wc_bar(pdev, 2);
	eng_setup(&h->e, ${db});
	return 0;
}
static struct pci_driver hdev_driver = { .name = "hdev", .probe = hdev_probe };
void eng_kick(struct eng *e)
{
	e->ring[0] = 1;
	wmb();
	writel(1, e->db);
}
`;
  const hints = () => summary(p.check(['/w/h.c'], { incremental: true })).filter((s) => s.includes('redundant-barrier'));
  // eng_kick() and eng_setup() never change: what e->db holds is the argument hdev_probe() passes.
  for (const [db, hint] of [['h->dbs', false], ['h->regs', true], ['h->dbs', false]] as const) {
    p.setFile('/w/h.c', text(db), { incremental: true });
    const now = hints();
    assert.deepEqual(now, (await fresh({ '/w/h.c': text(db) })).filter((s) => s.includes('redundant-barrier')), db);
    assert.equal(now.length > 0, hint, db);
  }
});

test('mapping something write-combining in the driver (or no longer) re-checks the cached redundant-barrier hint of a write whose mapping is unresolved', async () => {
  const p = await newProject();
  const text = (map: string) => `struct q { u32 *ring; u16 prod; };
int q_probe(struct pci_dev *pdev)
{
	void __iomem *bar = ${map}(pdev, 2, 0);
	return bar ? 0 : -ENOMEM;
}
void q_ring(struct q *q, void __iomem *db)
{
	q->ring[0] = 1;
	wmb();
	writel(q->prod, db);
}
`;
  const hints = () => summary(p.check(['/w/q.c'], { incremental: true })).filter((s) => s.includes('redundant-barrier'));
  for (const [map, hint] of [['pci_iomap', true], ['pci_iomap_wc', false], ['pci_iomap', true]] as const) {
    p.setFile('/w/q.c', text(map), { incremental: true });
    const now = hints();
    assert.deepEqual(now, (await fresh({ '/w/q.c': text(map) })).filter((s) => s.includes('redundant-barrier')), map);
    assert.equal(now.length > 0, hint, map);
  }
});

test('calling a completion callback by name, or no longer naming it in a table, re-checks its missing-dma-rmb findings', async () => {
  const text = (send: string, table: string) => `struct rsp { __be16 status; __be16 error; __be32 count; };
struct evt { struct rsp *rsp; u32 count; void (*done)(struct evt *e); };
struct host { struct rsp *rsps; dma_addr_t rsps_dma; struct evt evts[4]; };
static int host_alloc(struct device *dev, struct host *h)
{
	h->rsps = dma_alloc_coherent(dev, 4096, &h->rsps_dma, GFP_KERNEL);
	h->evts[0].rsp = &h->rsps[0];
	return 0;
}
static void cb_done(struct evt *e)
{
	struct rsp *rsp = e->rsp;

	if (!(be16_to_cpu(rsp->status) & 0x1))
		return;
	e->count = be32_to_cpu(rsp->count);
}
static void cb_send(struct host *h)
{
	${send}
}
${table}
`;
  const p = await newProject();
  const rmb = () => summary(p.check(['/w/cb.c'], { incremental: true })).filter((s) => s.includes('missing-dma-rmb'));
  // cb_done()'s text never changes: whether it is a completion callback is what the rest of its file does with it.
  const table = 'static void (*actions[1])(struct evt *) = { cb_done };';
  const versions: [string, string, boolean][] = [
    ['h->evts[0].done = cb_done;', '', false], // named by address only: its dispatcher saw the completion
    ['cb_done(&h->evts[0]);', '', true], // called by name: its status read is the hand-over
    ['h->evts[0].done = cb_done;', '', false],
    ['h->evts[0].done = NULL;', table, false], // named in a table only
    ['h->evts[0].done = NULL;', '', true], // named nowhere: an ordinary function
  ];
  for (const [send, tab, expectBug] of versions) {
    p.setFile('/w/cb.c', text(send, tab), { incremental: true });
    const now = rmb();
    assert.deepEqual(now, (await fresh({ '/w/cb.c': text(send, tab) })).filter((s) => s.includes('missing-dma-rmb')), `${send} ${tab}`);
    assert.equal(now.length > 0, expectBug, `${send} ${tab}`);
  }
});

test('clearing, filling or handing over a transmit word in the xmit path re-checks the cached missing-dma-rmb findings of its reclaim', async () => {
  // The QoS word is filled by a function that makes no I/O call (kept as text until a question needs its body).
  const fixture = readFileSync(join(FIXTURES, 'rules/missing-dma-rmb-tx-filled.c'), 'utf8')
    .replace('\td->qos = cpu_to_le16(q);\n', '')
    .replace('/* The xmit path', 'static void fe_set_qos(struct fe_priv *np, int i, u16 q)\n{\n\tnp->tx_ring[i].qos = cpu_to_le16(q);\n}\n\n/* The xmit path');
  const fill = 'np->tx_ring[i].qos = cpu_to_le16(q);';
  const reset = '\t\tnp->tx_ring[i].control = 0;';
  assert.ok(fixture.includes(fill) && fixture.includes(reset));
  const p = await newProject();
  const rmb = () => summary(p.check(['/w/fe.c'], { incremental: true })).filter((s) => s.includes('missing-dma-rmb'));
  const reclaim = fixture.split('\n').findIndex((l) => l.includes('return le16_to_cpu(tx_desc->qos);'));
  const done = fixture.split('\n').findIndex((l) => l.includes('long tx_control = np->cur_tx->control;'));
  // fe_txq_reclaim()'s and fe_tx_done()'s texts never change: whose their words are is what the other functions store.
  const versions: [string, boolean, boolean][] = [
    [fixture, false, false],
    [fixture.replace(fill, 'np->tx_ring[i].qos = cpu_to_le16(0);'), true, false], // only cleared: the device's
    [fixture, false, false],
    [fixture.replace(fill, 'np->tx_ring[i].qos = cpu_to_le16(q | DESC_OWN);'), true, false], // handed over with
    [fixture.replace(reset, '\t\tnp->tx_ring[i].control = DESC_OWN;'), false, true], // the reset path hands it over
    [fixture, false, false],
  ];
  for (const [text, qosBug, controlBug] of versions) {
    p.setFile('/w/fe.c', text, { incremental: true });
    const now = rmb();
    assert.deepEqual(now, (await fresh({ '/w/fe.c': text })).filter((s) => s.includes('missing-dma-rmb')));
    assert.equal(now.some((s) => s.startsWith(`/w/fe.c:${reclaim}:`)), qosBug);
    assert.equal(now.some((s) => s.startsWith(`/w/fe.c:${done}:`)), controlBug);
  }
});
