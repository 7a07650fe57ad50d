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
