/* Calls through function-pointer members, resolved to every function the driver stores in the member: a tracked write
 * or a barrier counts only when all of them make it on every path; members set from a parameter stay unresolved.
 * fixture-rules: mmio-unordered-with-unlock, missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/spinlock.h>
#include <linux/dma-mapping.h>

struct pdc {
	void __iomem *regs;
	spinlock_t lock;
	void (*write_fn)(void __iomem *, u32, u32);
	void (*poke_fn)(void __iomem *, u32, u32);
	void (*hook_fn)(void __iomem *, u32, u32);
	void (*kick_fn)(void __iomem *, u32, u32);
};

void pdc_pick_kick(void (**slot)(void __iomem *, u32, u32));

static void pdc_write32(void __iomem *base, u32 off, u32 val)
{
	iowrite32(val, base + off);
}

static void pdc_write32_be(void __iomem *base, u32 off, u32 val)
{
	iowrite32be(val, base + off);
}

static void pdc_write_relaxed(void __iomem *base, u32 off, u32 val)
{
	writel_relaxed(val, base + off);
}

static int pdc_probe(struct pdc *d, phys_addr_t bar, int big_endian)
{
	d->regs = ioremap(bar, 4096);
	if (big_endian)
		d->write_fn = pdc_write32_be;
	else
		d->write_fn = pdc_write32;
	if (big_endian)
		d->poke_fn = pdc_write32;
	else
		d->poke_fn = pdc_write_relaxed;
	d->hook_fn = big_endian ? pdc_write32 : pdc_write32_be;
	d->kick_fn = pdc_write32;
	pdc_pick_kick(&d->kick_fn);
	return 0;
}

void pdc_set_hook(struct pdc *d, void (*fn)(void __iomem *, u32, u32))
{
	d->hook_fn = fn;
}

/* Clean: write_fn is pdc_write32 or pdc_write32_be, both iowrite32*(): tracked, so the unlock runs mmiowb(). */
static void pdc_fill(struct pdc *d, u32 v)
{
	spin_lock(&d->lock);
	__raw_writel(v, d->regs + 0x100);
	d->write_fn(d->regs, 0x10, 8);
	spin_unlock(&d->lock);
}

/* Clean: the same through `(*p->m)(...)`. */
static void pdc_fill_star(struct pdc *d, u32 v)
{
	spin_lock(&d->lock);
	__raw_writel(v, d->regs + 0x100);
	(*d->write_fn)(d->regs, 0x10, 8);
	spin_unlock(&d->lock);
}

/* poke_fn may be pdc_write_relaxed, not tracked on riscv64: only powerpc64 (where it is) is credited. */
static void pdc_poke(struct pdc *d, u32 v)
{
	spin_lock(&d->lock);
	__raw_writel(v, d->regs + 0x100);
	d->poke_fn(d->regs, 0x10, 8);
	spin_unlock(&d->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/* hook_fn is also whatever the caller passes (and a ternary's value is not followed): unresolved. */
static void pdc_hook(struct pdc *d, u32 v)
{
	spin_lock(&d->lock);
	__raw_writel(v, d->regs + 0x100);
	d->hook_fn(d->regs, 0x10, 8);
	spin_unlock(&d->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

struct ring;

struct ring_ops {
	void (*sync)(struct ring *r);
};

struct ring_flush_ops {
	void (*flush)(struct ring *r);
};

struct ring {
	u32 *desc;
	dma_addr_t desc_dma;
	void __iomem *db;
	unsigned long kicks;
	const struct ring_ops *ops;
	const struct ring_flush_ops *fops;
};

static void ring_sync_wmb(struct ring *r)
{
	wmb();
}

static void ring_sync_mb(struct ring *r)
{
	r->kicks++;
	mb();
}

static void ring_flush_count(struct ring *r)
{
	r->kicks++;
}

static const struct ring_ops ring_fast_ops = {
	.sync = ring_sync_wmb,
};

static const struct ring_ops ring_slow_ops[] = {
	[0] = { .sync = &ring_sync_mb },
};

static const struct ring_flush_ops ring_flush_tables[] = {
	{ .flush = ring_sync_wmb },
	{ .flush = ring_flush_count },
};

static int ring_alloc(struct device *dev, struct ring *r, void __iomem *bar)
{
	r->desc = dma_alloc_coherent(dev, 4096, &r->desc_dma, GFP_KERNEL);
	r->db = bar + 0x40;
	return r->desc ? 0 : -ENOMEM;
}

/* Clean: every sync is wmb() or mb(), which orders the descriptor store before the relaxed doorbell. */
static void ring_post(struct ring *r, u32 v)
{
	r->desc[0] = v;
	r->ops->sync(r);
	writel_relaxed(1, r->db);
}

/* ring_flush_count has no barrier: the store may still pass the doorbell (not on x86_64: the call itself is a compiler
 * barrier there, as any call the flow does not inline). */
static void ring_post_flush(struct ring *r, u32 v)
{
	r->desc[0] = v;
	r->fops->flush(r);
	writel_relaxed(1, r->db); // expect: missing-wmb-before-doorbell (arm64, riscv64)
}

/* kick_fn is set to pdc_write32, but its address is handed out too: whatever is stored through it is not known. */
static void pdc_kick(struct pdc *d, u32 v)
{
	spin_lock(&d->lock);
	__raw_writel(v, d->regs + 0x100);
	d->kick_fn(d->regs, 0x10, 8);
	spin_unlock(&d->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}
