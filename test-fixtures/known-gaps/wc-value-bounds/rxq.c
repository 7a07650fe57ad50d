/*
 * Known gap: write-combined bursts and flushes whose safety is a matter of values the analysis does not compute.
 * Modelled on cxgb4 (an 8-word gather-buffer copy taken only for a one-slot request) and hfi1 (a receive table
 * written in aligned groups, flushed every fourth entry). Expectations are the truth on Linux 6.1.
 */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/spinlock.h>

#define SLOT_BYTES 64
#define GROUP_SIZE 8

struct big_wr {
	u8 op;
	u8 flags;
	u16 id;
	u32 len;
	u64 addr[8];		/* 8 + 64 = 72 bytes: never fits one slot */
};

struct txq {
	u64 __iomem *gather;	/* write-combining gather buffer */
	u32 __iomem *kdb;	/* uncached doorbell */
	u64 *slots;
	unsigned int pidx;
	spinlock_t lock;
};

struct rx_group {
	u32 base;		/* always a multiple of GROUP_SIZE */
	u32 size;
};

struct rxdev {
	u64 __iomem *table;	/* write-combining receive table */
	spinlock_t lock;
	struct rx_group groups[16];
};

static int txq_map(struct pci_dev *pdev, struct txq *q)
{
	q->gather = ioremap_wc(pci_resource_start(pdev, 2), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	q->kdb = ioremap(pci_resource_start(pdev, 0), 4096);
	return q->gather && q->kdb ? 0 : -ENOMEM;
}

/* The helper's own burst is real when a caller passes n == 1. */
static void txq_ring(struct txq *q, unsigned int n, const u64 *wr)
{
	int i;

	wmb();
	if (n == 1) {
		for (i = 0; i < 8; i++)
			writeq(wr[i], q->gather + i); // expect: wc-combining-defeated (arm64, powerpc64)
	} else {
		writel(n, q->kdb);
	}
	wmb();
}

/* A one-slot request takes the gather-buffer burst: real here and in the helper. */
static void txq_post_small(struct txq *q, const u64 *wr)
{
	spin_lock(&q->lock);
	q->pidx += 1;
	txq_ring(q, 1, wr); // expect: wc-combining-defeated (arm64, powerpc64)
	spin_unlock(&q->lock);
}

/* Clean: the request is at least 72 bytes, so n >= 2 and the gather-buffer branch never runs from here. */
static void txq_post_big(struct txq *q, struct big_wr *wr, unsigned int extra)
{
	unsigned int n = DIV_ROUND_UP(sizeof(*wr) + extra * 16, SLOT_BYTES);

	spin_lock(&q->lock);
	q->pidx += n;
	txq_ring(q, n, (const u64 *)wr);
	spin_unlock(&q->lock);
}

static int rxdev_map(struct pci_dev *pdev, struct rxdev *d)
{
	int i;

	d->table = ioremap_wc(pci_resource_start(pdev, 4), 65536); // expect: mapping-unsupported-on-arch (riscv64)
	for (i = 0; i < 16; i++) {
		d->groups[i].base = i * GROUP_SIZE;
		d->groups[i].size = GROUP_SIZE;
	}
	return d->table ? 0 : -ENOMEM;
}

static void rx_put_entry(struct rxdev *d, u32 index, u64 val)
{
	writeq(val, d->table + index);
	if ((index & 3) == 3)
		wmb();
}

/* Clean: every group is 8 aligned entries, so its last entry (index & 3 == 3) is always flushed before the unlock. */
static void rx_clear_group(struct rxdev *d, struct rx_group *grp)
{
	u32 i;

	spin_lock(&d->lock);
	for (i = 0; i < grp->size; i++)
		rx_put_entry(d, grp->base + i, 0); // expect: wc-combining-defeated (arm64, powerpc64)
	spin_unlock(&d->lock);
}
