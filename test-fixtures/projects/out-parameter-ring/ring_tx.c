/* Posting: a descriptor store then a relaxed doorbell is reported only for the coherent ring. fixture-rules: missing-wmb-before-doorbell */
#include "ring.h"

void ring_post(struct ring *r, u64 addr, u32 len)
{
	struct ring_desc *d = &r->desc[r->prod];

	d->addr = cpu_to_le64(addr);
	d->len = cpu_to_le32(len);
	writel_relaxed(r->prod, r->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Clean: the shadow is kcalloc() memory, which the device never reads. */
void ring_note(struct ring *r, u32 v)
{
	r->shadow[r->prod] = v;
	writel_relaxed(r->prod, r->db);
}

/* Clean: wmb() orders the descriptor before the doorbell. */
void ring_post_ordered(struct ring *r, u64 addr)
{
	r->desc[r->prod].addr = cpu_to_le64(addr);
	wmb();
	writel_relaxed(r->prod, r->db);
}

/* The same through locals: the coherent ring is reported, the kcalloc() shadow is not. */
void cq_rearm(struct cq *q)
{
	q->desc[q->cons].flags = 0;
	writel_relaxed(q->cons, q->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

void cq_note(struct cq *q, u32 v)
{
	q->shadow[q->cons] = v;
	writel_relaxed(q->cons, q->db);
}
