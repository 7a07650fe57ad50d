/* A call under a branch that bounds the variable it passes takes only the helper's branches that bound allows
 * (cxgb4 restart_ctrlq(): `if (written > 16) cxgb4_ring_tx_db(adap, q, written)`, and the helper pushes the
 * descriptor through the write-combining buffer only `if (n == 1 && ...)`). Here the caller writes the descriptor's
 * first word into the write-combining buffer and the helper the second, so the burst is split between them and only
 * the caller sees it: a burst wholly inside the helper would be the helper's own finding, reported there once.
 * fixture-rules: wc-combining-defeated */
#include <linux/io.h>

struct txq { u64 __iomem *wc; u32 __iomem *uc; const u64 *desc; };

static int txq_map(struct txq *q, phys_addr_t bar)
{
	q->wc = ioremap_wc(bar, 4096);
	q->uc = ioremap(bar + 4096, 4096);
	return 0;
}

/* Clean on its own: one write into the buffer. */
static void ring_db(struct txq *q, int n)
{
	if (n == 1)
		writeq(q->desc[1], q->wc + 1);
	else
		writel(n, q->uc);
	wmb();
}

/* Clean: only batches of more than 16 descriptors ring from here. */
static void restart_batched(struct txq *q, unsigned int count)
{
	unsigned int written = 0;

	while (count--) {
		written++;
		if (written > 16) {
			writeq(q->desc[0], q->wc);
			ring_db(q, written);
			written = 0;
		}
	}
}

/* Clean: the bound stated the other way round, in unlikely(). */
static void flush_big(struct txq *q, int todo)
{
	if (unlikely(32 < todo)) {
		writeq(q->desc[0], q->wc);
		ring_db(q, todo);
	}
}

/* Clean: the else branch of `todo <= 8`. */
static void flush_else(struct txq *q, int todo)
{
	if (todo <= 8)
		return;
	else {
		writeq(q->desc[0], q->wc);
		ring_db(q, todo);
	}
}

/* Bad: one descriptor may be rung from here. */
static void ring_any(struct txq *q, int todo)
{
	writeq(q->desc[0], q->wc);
	ring_db(q, todo); // expect: wc-combining-defeated (arm64, powerpc64)
}

/* Bad: the bound does not exclude 1. */
static void ring_nonzero(struct txq *q, int todo)
{
	if (todo > 0) {
		writeq(q->desc[0], q->wc);
		ring_db(q, todo); // expect: wc-combining-defeated (arm64, powerpc64)
	}
}

/* Bad: the variable is changed inside the branch before the call. */
static void ring_reassigned(struct txq *q, int todo)
{
	if (todo > 16) {
		todo = 1;
		writeq(q->desc[0], q->wc);
		ring_db(q, todo); // expect: wc-combining-defeated (arm64, powerpc64)
	}
}

/* Bad: a loop inside the branch changes the variable before calling again. */
static void ring_loop_reassigns(struct txq *q, int todo, int k)
{
	if (todo > 16) {
		while (k--) {
			writeq(q->desc[0], q->wc);
			ring_db(q, todo); // expect: wc-combining-defeated (arm64, powerpc64)
			todo = 1;
		}
	}
}

/* Bad: an iterator macro's block inside the branch changes the variable after the call, then calls again. */
struct item { struct list_head node; };
static void ring_list_reassigns(struct txq *q, struct list_head *head, int todo)
{
	struct item *it;

	if (todo > 16) {
		list_for_each_entry(it, head, node) {
			writeq(q->desc[0], q->wc);
			ring_db(q, todo); // expect: wc-combining-defeated (arm64, powerpc64)
			todo = 1;
		}
	}
}

/* Bad: a goto enters the branch past the test. */
static void ring_goto(struct txq *q, int todo, int urgent)
{
	if (urgent)
		goto now;
	if (todo > 16) {
now:
		writeq(q->desc[0], q->wc);
		ring_db(q, todo); // expect: wc-combining-defeated (arm64, powerpc64)
	}
}

/* Bad: the address escapes, so a call may change the variable. */
static void bump(int *v);
static void ring_escaped(struct txq *q, int todo)
{
	if (todo > 16) {
		bump(&todo);
		writeq(q->desc[0], q->wc);
		ring_db(q, todo); // expect: wc-combining-defeated (arm64, powerpc64)
	}
}

/* Bad: a 64-bit value above 16 may truncate to 1 in the int parameter. */
static void ring_truncated(struct txq *q, u64 todo)
{
	if (todo > 16) {
		writeq(q->desc[0], q->wc);
		ring_db(q, todo); // expect: wc-combining-defeated (arm64, powerpc64)
	}
}

/* Bad: the helper lowers its parameter before testing it. */
static void ring_db_clamped(struct txq *q, int n)
{
	if (n > 64)
		n = 1;
	if (n == 1)
		writeq(q->desc[1], q->wc + 1);
	wmb();
}

static void flush_clamped(struct txq *q, int todo)
{
	if (todo > 16) {
		writeq(q->desc[0], q->wc);
		ring_db_clamped(q, todo); // expect: wc-combining-defeated (arm64, powerpc64)
	}
}
