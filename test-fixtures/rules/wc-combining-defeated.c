/* wc-combining-defeated: fully ordered writes into a write-combining mapping. fixture-rules: wc-combining-defeated */
#include <linux/io.h>

struct push { u32 __iomem *wc; };

static int push_map(struct push *p, phys_addr_t bar)
{
	p->wc = ioremap_wc(bar, 4096);
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
