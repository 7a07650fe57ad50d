/* missing-dma-rmb: the hand-over word tested through a predicate helper (a `static inline` function returning a test
 * of its parameter's member, not inlined because it does no I/O), then a read barrier, then the rest of the entry.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define RSP_GEN		BIT(7)
#define RSP_IMM		BIT(1)

struct rsp_ent { __be32 hdr; __be32 flags; __be32 len_cq; u8 imm[47]; u8 intr_gen; };
struct rsp_q { struct rsp_ent *desc; dma_addr_t dma; unsigned int cidx, size, gen; u32 got, len; };

static int rsp_q_alloc(struct device *dev, struct rsp_q *q)
{
	q->desc = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->desc ? 0 : -ENOMEM;
}

static inline int is_new_rsp(const struct rsp_ent *r, const struct rsp_q *q)
{
	return (r->intr_gen & RSP_GEN) == q->gen;
}

static void rsp_q_step(struct rsp_q *q)
{
	if (++q->cidx == q->size) {
		q->cidx = 0;
		q->gen ^= 1;
	}
}

/* Clean: the generation bit is tested through is_new_rsp(), and dma_rmb() follows before any other field is read. */
static int rsp_poll(struct rsp_q *q, int budget)
{
	struct rsp_ent *r = &q->desc[q->cidx];
	int done = 0;

	while (budget-- && is_new_rsp(r, q)) {
		u32 flags;

		dma_rmb();
		flags = be32_to_cpu(r->flags);
		if (flags & RSP_IMM)
			q->got++;
		else
			q->len += be32_to_cpu(r->len_cq);
		r++;
		rsp_q_step(q);
		done++;
	}
	return done;
}

/* Bug: the same predicate, but nothing orders the later reads after the generation bit. */
static int rsp_poll_nb(struct rsp_q *q, int budget)
{
	struct rsp_ent *r = &q->desc[q->cidx];
	int done = 0;

	while (budget-- && is_new_rsp(r, q)) {
		u32 flags;

		flags = be32_to_cpu(r->flags);
		if (flags & RSP_IMM)
			q->got++;
		else
			q->len += be32_to_cpu(r->len_cq); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		r++;
		rsp_q_step(q);
		done++;
	}
	return done;
}

/* Bug: dma_rmb() only before the first test; the loop's later entries are tested and read with no barrier between. */
static int rsp_poll_once(struct rsp_q *q)
{
	struct rsp_ent *r = &q->desc[q->cidx];
	int done = 0;

	if (!is_new_rsp(r, q))
		return 0;
	dma_rmb();
	while (is_new_rsp(r, q)) {
		u32 flags = be32_to_cpu(r->flags);

		if (flags & RSP_IMM)
			q->got++;
		else
			q->len += be32_to_cpu(r->len_cq); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		r++;
		rsp_q_step(q);
		done++;
	}
	return done;
}

/* Bug on arm64: smp_rmb() after the predicate is dmb ishld there, which does not order loads from the device's domain. */
static int rsp_poll_smp(struct rsp_q *q)
{
	struct rsp_ent *r = &q->desc[q->cidx];
	u32 flags;

	if (!is_new_rsp(r, q))
		return 0;
	smp_rmb();
	flags = be32_to_cpu(r->flags);
	if (flags & RSP_IMM)
		return 1;
	return be32_to_cpu(r->len_cq); // expect: missing-dma-rmb (arm64)
}

/* A predicate that moves its parameter before reading through it tests another entry than the one passed. */
static inline int next_is_new_rsp(const struct rsp_ent *r, const struct rsp_q *q)
{
	r++;
	return (r->intr_gen & RSP_GEN) == q->gen;
}

/* Bug: the generation bit tested is the next entry's, so nothing orders this entry's fields after its own bit. */
static int rsp_poll_next(struct rsp_q *q, int budget)
{
	struct rsp_ent *r = &q->desc[q->cidx];
	int done = 0;

	while (budget-- && next_is_new_rsp(r, q)) {
		u32 flags;

		dma_rmb();
		flags = be32_to_cpu(r->flags);
		if (flags & RSP_IMM)
			q->got++;
		else
			q->len += be32_to_cpu(r->len_cq); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		r++;
		rsp_q_step(q);
		done++;
	}
	return done;
}
