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

/* One finding per burst, at its last write (naming the first). */
static void push_four(struct push *p, u32 a)
{
	writel(a, p->wc);
	writel(a + 1, p->wc + 1);
	writel(a + 2, p->wc + 2);
	writel(a + 3, p->wc + 3); // expect: wc-combining-defeated (arm64, powerpc64)
	wmb();
}

/* Round a loop the two writes continue each other: the later one in the text is the burst's last. */
static void push_pairs(struct push *p, const u32 *w, int n)
{
	int i;

	for (i = 0; i < n; i += 2) {
		writel(w[i], p->wc + i);
		writel(w[i + 1], p->wc + i + 1); // expect: wc-combining-defeated (arm64, powerpc64)
	}
	wmb();
}

/* A branch gives the burst two last writes, one on each path. */
static void push_branch(struct push *p, u32 a, int x)
{
	writel(a, p->wc);
	if (x)
		writel(a + 1, p->wc + 1); // expect: wc-combining-defeated (arm64, powerpc64)
	else
		writel(a + 2, p->wc + 2); // expect: wc-combining-defeated (arm64, powerpc64)
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

/*
 * Cold paths: a burst that runs only while the device is probed, resumed or the module loaded. Its combining cannot
 * matter, so it is not reported; the same burst reached from the transmit path is.
 */
static void push_pattern(struct push *p)
{
	writel(0x5a5a5a5a, p->wc);
	writel(0xa5a5a5a5, p->wc + 1);
	writel(0x0f0f0f0f, p->wc + 2);
}

/* Clean: called only by push_post, called only by push_probe, the driver's .probe. */
static int push_post(struct push *p)
{
	push_pattern(p);
	return readl(p->uc);
}

static int push_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct push *p = pci_get_drvdata(pdev);

	push_map(p, pci_resource_start(pdev, 2));
	return push_post(p);
}

/* Clean: the resume callback of the driver's dev_pm_ops. */
static int push_resume(struct device *dev)
{
	struct push *p = dev_get_drvdata(dev);

	writel(1, p->wc);
	writel(2, p->wc + 1);
	return 0;
}

static SIMPLE_DEV_PM_OPS(push_pm_ops, NULL, push_resume);

static struct pci_driver push_driver = {
	.name = "push",
	.probe = push_probe,
	.driver.pm = &push_pm_ops,
};

/*
 * Bad: the same burst as push_pattern's, in a helper that the transmit path calls besides probe. It is reported once,
 * in the helper: the call that brings it in adds nothing.
 */
static void push_header(struct push *p, u32 len)
{
	writel(len, p->wc);
	writel(len + 1, p->wc + 1); // expect: wc-combining-defeated (arm64, powerpc64)
}

static int push_probe_header(struct pci_dev *pdev, const struct pci_device_id *id)
{
	push_header(pci_get_drvdata(pdev), 0);
	return 0;
}

static int push_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct push *p = netdev_priv(dev);

	push_header(p, skb->len);
	return 0;
}

/* Bad: a PM callback that the transmit timeout handler also calls by name is not cold. */
static int push_restore(struct device *dev)
{
	struct push *p = dev_get_drvdata(dev);

	writel(1, p->wc);
	writel(2, p->wc + 1); // expect: wc-combining-defeated (arm64, powerpc64)
	return 0;
}

static void push_tx_timeout(struct net_device *dev, unsigned int txq)
{
	push_restore(&dev->dev);
}

static const struct dev_pm_ops push_restore_ops = {
	.restore = push_restore,
};

static struct pci_driver push_header_driver = {
	.probe = push_probe_header,
};

static const struct net_device_ops push_netdev_ops = {
	.ndo_start_xmit = push_xmit,
	.ndo_tx_timeout = push_tx_timeout,
};

/* Clean: a table entry written through a mapping made and torn down in this call (once per mapping). */
static int push_table_entry(phys_addr_t base, u32 idx, u64 val)
{
	void __iomem *tbl = ioremap_wc(base, 4096);

	if (!tbl)
		return -ENOMEM;
	writeq(val, tbl + idx);
	writeq(1, tbl + idx + 8);
	iounmap(tbl);
	return 0;
}

/* Bad: the same writes through a mapping kept for later calls. */
static int push_table_keep(struct push *p, phys_addr_t base, u32 idx, u64 val)
{
	void __iomem *tbl = ioremap_wc(base, 4096);

	if (!tbl)
		return -ENOMEM;
	writeq(val, tbl + idx);
	writeq(1, tbl + idx + 8); // expect: wc-combining-defeated (arm64, powerpc64)
	p->wc = tbl;
	return 0;
}

/*
 * A POST-time RAM test through a mapping a helper makes into a member, which the helper's only caller unmaps after
 * the test (the sisfb_post_map_vram() shape): the bursts run once per mapping.
 */
struct vinfo { void __iomem *vbase; void __iomem *kbase; phys_addr_t base; unsigned long size; };

static void vram_map(struct vinfo *v, unsigned long size)
{
	v->vbase = ioremap_wc(v->base, size);
}

/* Clean: only vram_size() calls it, only vram_post() calls that, between vram_map() and iounmap(). */
static void vram_rwtest(struct vinfo *v, unsigned int bank)
{
	writew(0x1234, v->vbase + bank);
	writew(0x5678, v->vbase + bank + 2);
	writew(0x9abc, v->vbase + bank + 4);
}

static void vram_size(struct vinfo *v)
{
	unsigned int bank;

	for (bank = 0; bank < 4; bank++)
		vram_rwtest(v, bank << 20);
}

int vram_post(struct vinfo *v)
{
	vram_map(v, v->size);
	if (!v->vbase)
		return -ENOMEM;
	vram_size(v);
	writel(1, v->vbase);
	writel(2, v->vbase + 4);
	iounmap(v->vbase);
	return 0;
}

/* Bad: the same helper shape, but the mapping is kept beyond the function for later drawing. */
static void vram_map_keep(struct vinfo *v, unsigned long size)
{
	v->kbase = ioremap_wc(v->base, size);
}

int vram_init_keep(struct vinfo *v)
{
	vram_map_keep(v, v->size);
	if (!v->kbase)
		return -ENOMEM;
	writel(1, v->kbase);
	writel(2, v->kbase + 4); // expect: wc-combining-defeated (arm64, powerpc64)
	return 0;
}

/*
 * The same POST shape in a caller whose braces an architecture-certain #if splits (`} else {` compiled everywhere
 * but x86): each target's text is whole, so the caller parses and its unmap after vram_map2() is seen.
 */
struct vinfo2 { void __iomem *vbase; void __iomem *kbase; phys_addr_t base; unsigned long size; };

static void vram_map2(struct vinfo2 *v, unsigned long size)
{
	v->vbase = ioremap_wc(v->base, size);
}

static void vram_rwtest2(struct vinfo2 *v, unsigned int bank)
{
	writew(0x1234, v->vbase + bank);
	writew(0x5678, v->vbase + bank + 2);
}

int vram_post2(struct vinfo2 *v, int preset)
{
#if !defined(__i386__) && !defined(__x86_64__)
	if (preset) {
		v->size = preset;
	} else {
#endif
		vram_map2(v, v->size);
		if (v->vbase) {
			vram_rwtest2(v, 0);
			iounmap(v->vbase);
		}
#if !defined(__i386__) && !defined(__x86_64__)
	}
#endif
	return 0;
}

/* Bad: the same split braces, but the mapping is kept. */
static void vram_map3(struct vinfo2 *v, unsigned long size)
{
	v->kbase = ioremap_wc(v->base, size);
}

static void vram_rwtest3(struct vinfo2 *v, unsigned int bank)
{
	writew(0x1234, v->kbase + bank);
	writew(0x5678, v->kbase + bank + 2); // expect: wc-combining-defeated (arm64, powerpc64)
}

int vram_post3(struct vinfo2 *v, int preset)
{
#if !defined(__i386__) && !defined(__x86_64__)
	if (preset) {
		v->size = preset;
	} else {
#endif
		vram_map3(v, v->size);
		if (v->kbase)
			vram_rwtest3(v, 0);
#if !defined(__i386__) && !defined(__x86_64__)
	}
#endif
	return 0;
}

/*
 * Bad: a burst wholly inside a helper that is handed the mapping as a bare pointer. The helper cannot tell the memory
 * type on its own, so the burst is reported at the call that knows it.
 */
static void push_pair_to(u32 __iomem *dst, u32 a, u32 b)
{
	writel(a, dst);
	writel(b, dst + 1);
}

static int push_xmit_pair(struct sk_buff *skb, struct net_device *dev)
{
	struct push *p = netdev_priv(dev);

	push_pair_to(p->wc, skb->len, 0); // expect: wc-combining-defeated (arm64, powerpc64)
	return 0;
}

/* Bad: a burst that a helper starts and its caller ends is the caller's alone. */
static void push_len(struct push *p, u32 len)
{
	writel(len, p->wc);
}

static int push_xmit_split(struct sk_buff *skb, struct net_device *dev)
{
	struct push *p = netdev_priv(dev);

	push_len(p, skb->len);
	writel(0, p->wc + 1); // expect: wc-combining-defeated (arm64, powerpc64)
	return 0;
}

/* Clean: the same helper handed the uncached register mapping: nothing there combines. */
static int push_xmit_uc(struct sk_buff *skb, struct net_device *dev)
{
	struct push *p = netdev_priv(dev);

	push_pair_to(p->uc, skb->len, 0);
	return 0;
}

static const struct net_device_ops push_pair_ops = {
	.ndo_tx_timeout = push_xmit_uc,
	.ndo_start_xmit = push_xmit_pair,
	.ndo_select_queue = push_xmit_split,
};

/*
 * A burst a helper begins and a helper it calls ends is reported in the first helper, at its call of the second, and
 * not again where the transmit path calls the first.
 */
static void push_tail(struct push *p, u32 b)
{
	writel(b, p->wc + 1);
}

static void push_head_tail(struct push *p, u32 a, u32 b)
{
	writel(a, p->wc);
	push_tail(p, b); // expect: wc-combining-defeated (arm64, powerpc64)
}

static int push_xmit_nested(struct sk_buff *skb, struct net_device *dev)
{
	push_head_tail(netdev_priv(dev), skb->len, 0);
	return 0;
}
