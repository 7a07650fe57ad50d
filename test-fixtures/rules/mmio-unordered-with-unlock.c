/* mmio-unordered-with-unlock: untracked MMIO writes reaching spin_unlock. fixture-rules: mmio-unordered-with-unlock */
#include <linux/io.h>
#include <linux/spinlock.h>

struct sq { void __iomem *db; spinlock_t lock; u32 tail; };

static int sq_map(struct sq *q, phys_addr_t bar)
{
	q->db = ioremap(bar, 4096);
	return 0;
}

/* The nvme shape with a relaxed doorbell: riscv64 relaxed writes do not arm mmiowb. */
static void sq_ring_relaxed(struct sq *q)
{
	spin_lock(&q->lock);
	writel_relaxed(q->tail, q->db);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

static void sq_ring_raw(struct sq *q)
{
	spin_lock(&q->lock);
	__raw_writel(q->tail, q->db);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Clean: writel() is tracked: spin_unlock runs mmiowb(). */
static void sq_ring(struct sq *q)
{
	spin_lock(&q->lock);
	writel(q->tail, q->db);
	spin_unlock(&q->lock);
}

/* Clean: on riscv64 iowrite32_rep is writesl, which ends with __io_aw() = mmiowb_set_pending(), so the unlock fences it
 * (arch/riscv/include/asm/io.h:108-113, mmio.h:136); powerpc64's writesl ends with sync. */
static void sq_push_fifo(struct sq *q, const u32 *buf, unsigned int n)
{
	spin_lock(&q->lock);
	iowrite32_rep(q->db, buf, n);
	spin_unlock(&q->lock);
}

/* The look-alike with a relaxed write, tracked by nothing. */
static void sq_push_fifo_relaxed(struct sq *q, const u32 *buf, unsigned int n)
{
	spin_lock(&q->lock);
	writel_relaxed(buf[0], q->db);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/* Clean: wmb() before the unlock. */
static void sq_ring_raw_wmb(struct sq *q)
{
	spin_lock(&q->lock);
	__raw_writel(q->tail, q->db);
	wmb();
	spin_unlock(&q->lock);
}

/* Clean: the write happens before the lock is taken. */
static void sq_ring_before_lock(struct sq *q)
{
	__raw_writel(q->tail, q->db);
	spin_lock(&q->lock);
	q->tail++;
	spin_unlock(&q->lock);
}

/* Clean (after cqhci_request): the doorbell is read back from the same device before the unlock; the read cannot
 * complete before the posted write reached the device (Documentation/driver-api/io_ordering.rst). */
static void sq_ring_readback(struct sq *q)
{
	spin_lock(&q->lock);
	writel_relaxed(q->tail, q->db);
	if (!(readl_relaxed(q->db) & 1))
		q->tail++;
	spin_unlock(&q->lock);
}

/* The read-back comes before the write: nothing follows the write. */
static void sq_ring_read_first(struct sq *q)
{
	spin_lock(&q->lock);
	if (readl_relaxed(q->db) & 1)
		q->tail++;
	writel_relaxed(q->tail, q->db);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

struct dq { void __iomem *db; void __iomem *other; spinlock_t lock; u32 tail; };

static int dq_map(struct dq *q, phys_addr_t bar, phys_addr_t bar2)
{
	q->db = ioremap(bar, 4096);
	q->other = ioremap(bar2, 4096);
	return 0;
}

/* A read from another device does not push this device's write. */
static void dq_ring_read_other(struct dq *q)
{
	spin_lock(&q->lock);
	writel_relaxed(q->tail, q->db);
	readl(q->other);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/* Register accessors a platform may override with a hook (after cqhci.h cqhci_writel/cqhci_readl). */
struct hq;
struct hq_ops {
	u32 (*read_l)(struct hq *q, int reg);
	void (*write_l)(struct hq *q, u32 val, int reg);
};
struct hq { void __iomem *mmio; const struct hq_ops *ops; spinlock_t lock; };

static int hq_map(struct hq *q, phys_addr_t bar)
{
	q->mmio = ioremap(bar, 4096);
	return 0;
}

static inline void hq_writel(struct hq *q, u32 val, int reg)
{
	if (unlikely(q->ops->write_l))
		q->ops->write_l(q, val, reg);
	else
		writel_relaxed(val, q->mmio + reg);
}

static inline u32 hq_readl(struct hq *q, int reg)
{
	if (unlikely(q->ops->read_l))
		return q->ops->read_l(q, reg);
	else
		return readl_relaxed(q->mmio + reg);
}

/* Clean (after cqhci_request): read back through the wrapper; its hook, when set, performs the same register read. */
static void hq_ring(struct hq *q, int tag)
{
	spin_lock(&q->lock);
	hq_writel(q, 1 << tag, 0x58);
	if (!(hq_readl(q, 0x58) & (1 << tag)))
		pr_debug("doorbell not set\n");
	spin_unlock(&q->lock);
}

/* Not an accessor wrapper: without the hook nothing is read, so nothing pushes the write. */
static u32 hq_peek(struct hq *q)
{
	if (q->ops->read_l)
		return q->ops->read_l(q, 0x58);
	else
		return 0;
}

static void hq_ring_peek(struct hq *q, int tag)
{
	spin_lock(&q->lock);
	hq_writel(q, 1 << tag, 0x58);
	if (!(hq_peek(q) & (1 << tag)))
		pr_debug("doorbell not set\n");
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/*
 * Layered register macros (sym53c8xx: OUTL -> OUTL_OFF -> iowrite32, sym_start_up() after its SCRIPTS memcpy_toio()):
 * the tracked write two macros down, inside a helper, arms the mmiowb() the unlock runs.
 */
struct chip_regs { u32 dsa; u32 dsp; };
struct chip { void __iomem *ioaddr; void __iomem *ram; spinlock_t lock; };

#define CHIP_OUTL_OFF(c, o, v)	iowrite32((v), (c)->ioaddr + (o))
#define CHIP_OUTL(c, r, v)	CHIP_OUTL_OFF(c, offsetof(struct chip_regs, r), (v))

static int chip_map(struct chip *c, phys_addr_t bar)
{
	c->ioaddr = ioremap(bar, 4096);
	c->ram = ioremap(bar + 8192, 8192);
	return 0;
}

static void chip_start(struct chip *c, const void *script, size_t n)
{
	memcpy_toio(c->ram, script, n);
	CHIP_OUTL(c, dsp, 0);
}

/* Clean: the start-up ends with a tracked register write. */
static void chip_reset(struct chip *c, const void *script, size_t n)
{
	spin_lock(&c->lock);
	chip_start(c, script, n);
	spin_unlock(&c->lock);
}

/* Bad: only the copy. */
static void chip_load(struct chip *c, const void *script, size_t n)
{
	spin_lock(&c->lock);
	memcpy_toio(c->ram, script, n);
	spin_unlock(&c->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

struct ctrl_req { u8 type; u8 req; __le16 value; __le16 index; __le16 length; };

/* Clean (after udc-xilinx's xudc_handle_setup): memcpy_toio() used backwards, to copy the setup packet out of the
 * device's RAM into a local struct: it reads the device and writes only the stack. */
static u8 ep0_setup(struct sq *q, u8 *last)
{
	struct ctrl_req setup;
	u32 words[2];

	spin_lock(&q->lock);
	memcpy_toio((void __iomem *)&setup, q->db + 0x80, 8);
	__iowrite32_copy(words, q->db + 0x80, 2);
	memset_io(&setup.value, 0, 2);
	*last = setup.req;
	spin_unlock(&q->lock);
	return setup.type;
}

/* Bad: the look-alike that does write the device: the destination is a pointer to its RAM. */
static void ep0_reply(struct sq *q, struct ctrl_req *reply)
{
	u8 *ram = (u8 __force *)(q->db + 0x80);

	spin_lock(&q->lock);
	memcpy_toio((void __iomem *)ram, reply, 8);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/* Bad: a struct pointer parameter named like the local above is the device's RAM, not the stack. */
static void ep0_clear(struct sq *q, struct ctrl_req __iomem *setup)
{
	spin_lock(&q->lock);
	memset_io(&setup->value, 0, 2);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/* The xarray's lock is a spinlock (include/linux/xarray.h:538-541): its release is the same hand-off. */
struct tagged_sq { void __iomem *db; struct xarray tags; u32 tail; };

static int tagged_map(struct tagged_sq *t, phys_addr_t bar)
{
	t->db = ioremap(bar, 4096);
	return 0;
}

static void tagged_ring_relaxed(struct tagged_sq *t)
{
	unsigned long flags;

	xa_lock_irqsave(&t->tags, flags);
	writel_relaxed(t->tail, t->db);
	xa_unlock_irqrestore(&t->tags, flags); // expect: mmio-unordered-with-unlock (riscv64)
}

/* Clean: wmb() before the xarray's unlock. */
static void tagged_ring_fenced(struct tagged_sq *t)
{
	unsigned long flags;

	xa_lock_irqsave(&t->tags, flags);
	writel_relaxed(t->tail, t->db);
	wmb();
	xa_unlock_irqrestore(&t->tags, flags);
}

/* Clean: the write comes before the lock is taken (a nested-class spinlock is a spinlock,
 * include/linux/spinlock.h:384-387), so it is not one of this critical section's writes. */
static void sq_ring_then_count(struct sq *q)
{
	unsigned long flags;

	writel_relaxed(q->tail, q->db);
	spin_lock_irqsave_nested(&q->lock, flags, 1);
	q->tail++;
	spin_unlock_irqrestore(&q->lock, flags);
}

/* A write-combined push before the unlock is missing-wc-flush's finding on powerpc64 (and x86_64); this rule keeps
 * riscv64, where ioremap_wc() is ioremap() and the copy an untracked __raw_writeq loop. An untracked doorbell to an
 * uncached register after the push is still this rule's on powerpc64: wmb() after the push would not order it. */
struct bfq { void __iomem *bf; void __iomem *db; spinlock_t lock; u32 tail; };

static int bfq_map(struct bfq *q, phys_addr_t bar)
{
	q->bf = ioremap_wc(bar + 4096, 4096);
	q->db = ioremap(bar, 4096);
	return 0;
}

static void bfq_push(struct bfq *q, const u64 *wqe)
{
	spin_lock(&q->lock);
	__iowrite64_copy(q->bf, wqe, 8);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

static void bfq_push_then_db(struct bfq *q, const u64 *wqe)
{
	spin_lock(&q->lock);
	__iowrite64_copy(q->bf, wqe, 8);
	__raw_writel(q->tail, q->db);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}
