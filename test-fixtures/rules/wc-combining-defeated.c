/* wc-combining-defeated: fully ordered writes into a write-combining mapping. fixture-rules: wc-combining-defeated */
#include <linux/io.h>

struct push { u32 __iomem *wc; u32 __iomem *uc; };

#define DB_REG 4

static int push_map(struct push *p, phys_addr_t bar)
{
	p->wc = ioremap_wc(bar, 4096);
	p->uc = ioremap(bar + 4096, 4096);
	return 0;
}

static void push_words(struct push *p, const u32 *w, int n)
{
	int i;

	for (i = 0; i < n; i++)
		writel(w[i], p->wc + i); // expect: wc-combining-defeated (arm64, powerpc64)
	wmb();
}

static void push_two(struct push *p, u32 a, u32 b)
{
	writel(a, p->wc);
	writel(b, p->wc + 1); // expect: wc-combining-defeated (arm64, powerpc64)
	wmb();
}

/* Clean: relaxed writes combine on arm64 (powerpc64 relaxed is writel, so it is reported there). */
static void push_relaxed(struct push *p, u32 a, u32 b)
{
	writel_relaxed(a, p->wc);
	writel_relaxed(b, p->wc + 1); // expect: wc-combining-defeated (powerpc64)
	wmb();
}

/* Clean: one copy routine for the burst. */
static void push_copy(struct push *p, const u64 *w)
{
	__iowrite64_copy(p->wc, w, 8);
	wmb();
}

/* Clean: a read of an uncached register between the writes ends the burst (switchtec's flush_wc_buf()). */
static void push_read_between(struct push *p, u32 a, u32 b)
{
	writel(a, p->wc);
	readl(p->uc);
	writel(b, p->wc + 1);
}

/* Clean: a barrier between the writes ends the burst. */
static void push_wmb_between(struct push *p, u32 a, u32 b)
{
	writel(a, p->wc);
	wmb();
	writel(b, p->wc + 1);
}

/* Clean: repeated writes to one doorbell register (cxgb4's t4_arm_cq) are separate writes, not a burst. */
static void push_same_register(struct push *p, int n)
{
	while (n-- > 0)
		writel(1, p->wc + DB_REG);
	writel(2, p->wc + DB_REG);
}

struct slot { u32 len; u32 ver; };

/* Through a local pointer that moves on each pass the loop writes a new place every time: a burst. */
static void push_walk(struct push *p, int n)
{
	struct slot __iomem *s = (struct slot __iomem *)p->wc;

	while (n-- > 0) {
		writel(1, &s->len); // expect: wc-combining-defeated (arm64, powerpc64)
		s++;
	}
}
