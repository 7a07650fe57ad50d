/* mmio-unordered-with-unlock: a tracked write anywhere in the locked section arms the mmiowb() the unlock runs, and that
 * fence orders the untracked writes too (janz-ican3.c:1747: iowrite8 then memcpy_toio under one lock).
 * fixture-rules: mmio-unordered-with-unlock */
#include <linux/io.h>
#include <linux/spinlock.h>

struct ican {
	void __iomem *dpm;
	void __iomem *ctrl;
	spinlock_t lock;
};

/* Clean: the page-select iowrite8 before the copy armed mmiowb; spin_unlock runs fence o,w / sync. */
static void ican_send_armed(struct ican *c, const void *msg)
{
	spin_lock(&c->lock);
	iowrite8(1, c->ctrl);
	memcpy_toio(c->dpm, msg, 16);
	spin_unlock(&c->lock);
}

/* Bad: the tracked write comes before the lock, which it does not arm. */
static void ican_send_unarmed(struct ican *c, const void *msg)
{
	iowrite8(1, c->ctrl);
	spin_lock(&c->lock);
	memcpy_toio(c->dpm, msg, 16);
	spin_unlock(&c->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/* Bad: only relaxed writes in the section. */
static void ican_kick_relaxed(struct ican *c)
{
	spin_lock(&c->lock);
	writel_relaxed(1, c->ctrl);
	spin_unlock(&c->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/* Bad: the tracked write is on another branch than the relaxed one (digicolor_uart_tx shape). */
static void ican_tx(struct ican *c, const u8 *buf, int n)
{
	spin_lock(&c->lock);
	if (n == 0) {
		writeb_relaxed(0, c->ctrl);
		goto out;
	}
	while (n--)
		writeb(*buf++, c->dpm);
out:
	spin_unlock(&c->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/* A register wrapper (a helper that is one accessor call, qla2xxx's wrt_reg_byte) counts as the access it makes, however
 * deep the helpers calling it: the tracked write three helpers down arms mmiowb (qla2xxx __qla2x00_alloc_iocbs). */
static inline void ican_wrt_reg_byte(volatile u8 __iomem *addr, u8 data)
{
	return writeb(data, addr);
}

static void *ican_alloc_slot(struct ican *c, int fx)
{
	if (fx) {
		memset_io(c->dpm, 0, 64);
		ican_wrt_reg_byte(c->dpm, 1);
	}
	return c->dpm;
}

static void *ican_marker_inner(struct ican *c, int fx)
{
	return ican_alloc_slot(c, fx);
}

/* Clean: the wrapped writeb follows the fill on every path. */
static void ican_marker(struct ican *c, int fx)
{
	spin_lock(&c->lock);
	ican_marker_inner(c, fx);
	spin_unlock(&c->lock);
}

/* A wrapper around a relaxed write arms nothing. */
static inline void ican_wrt_relaxed(volatile u8 __iomem *addr, u8 data)
{
	writeb_relaxed(data, addr);
}

static void *ican_alloc_slot_relaxed(struct ican *c)
{
	memset_io(c->dpm, 0, 64);
	ican_wrt_relaxed(c->dpm, 1);
	return c->dpm;
}

static void *ican_marker_inner_relaxed(struct ican *c)
{
	return ican_alloc_slot_relaxed(c);
}

/* Bad: the deep wrapped write is relaxed, nothing is tracked. */
static void ican_marker_relaxed(struct ican *c)
{
	spin_lock(&c->lock);
	ican_marker_inner_relaxed(c);
	spin_unlock(&c->lock); // expect: mmio-unordered-with-unlock (riscv64)
}
