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
