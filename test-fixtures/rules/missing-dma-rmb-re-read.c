/* missing-dma-rmb: a status word read again after the real hand-over is no new gate.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define DD		BIT(0)
#define LOOK_AHEAD	8
#define SERV_FAILURE	1

struct err_rec { u8 serv_response; u8 status; u8 sense_len; u8 data_present; };
struct accel_cmd { __le64 addr; struct err_rec error_data; };
struct rx_desc { __le16 status; __le16 len; __le16 ptype; __le16 vlan; };

struct ctlr {
	struct accel_cmd *pool;
	dma_addr_t pool_dma;
	struct rx_desc *ring;
	dma_addr_t ring_dma;
	unsigned int tail;
};

static int ctlr_alloc(struct device *dev, struct ctlr *h)
{
	h->pool = dma_alloc_coherent(dev, 4096, &h->pool_dma, GFP_KERNEL);
	h->ring = dma_alloc_coherent(dev, 4096, &h->ring_dma, GFP_KERNEL);
	return h->pool && h->ring ? 0 : -ENOMEM;
}

/*
 * Clean (hpsa process_ioaccel2_completion): the code tests serv_response together with status, before it, so status
 * is not serv_response's hand-over; the reply queue the record was found through is.
 */
static int accel_completion(struct ctlr *h, unsigned int idx)
{
	struct accel_cmd *c2 = &h->pool[idx];

	if (c2->error_data.serv_response == 0 && c2->error_data.status == 0)
		return 0;
	if (c2->error_data.serv_response == SERV_FAILURE)
		return -EAGAIN;
	return -EIO;
}

/* Bug: sense_len was not tested before status; it is read after the status test with no dma_rmb(). */
static int accel_sense(struct ctlr *h, unsigned int idx)
{
	struct accel_cmd *c2 = &h->pool[idx];

	if (c2->error_data.serv_response == 0 && c2->error_data.status == 0)
		return 0;
	return c2->error_data.sense_len; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/*
 * Clean (DPDK ice/i40e/ixgbe *_rx_scan_hw_ring, kernel dialect): the status words of LOOK_AHEAD entries are collected
 * in one loop, fenced once, and each walked entry's status read again in a second loop is no new gate.
 */
static int rx_scan(struct ctlr *h, u16 *out)
{
	struct rx_desc *rxdp = &h->ring[h->tail];
	int s[LOOK_AHEAD], nb_dd, j, n = 0;

	for (j = LOOK_AHEAD - 1; j >= 0; j--)
		s[j] = le16_to_cpu(rxdp[j].status);
	dma_rmb();
	for (j = 0, nb_dd = 0; j < LOOK_AHEAD; j++)
		nb_dd += s[j] & DD;
	for (j = 0; j < nb_dd; j++) {
		u16 st = le16_to_cpu(rxdp[j].status);

		out[n++] = le16_to_cpu(rxdp[j].len);
		if (st & 2)
			out[n++] = le16_to_cpu(rxdp[j].ptype);
	}
	return n;
}

/* Bug: the same scan without the barrier after the batch: each re-read is then a gate of its own. */
static int rx_scan_unfenced(struct ctlr *h, u16 *out)
{
	struct rx_desc *rxdp = &h->ring[h->tail];
	int s[LOOK_AHEAD], nb_dd, j, n = 0;

	for (j = LOOK_AHEAD - 1; j >= 0; j--)
		s[j] = le16_to_cpu(rxdp[j].status);
	for (j = 0, nb_dd = 0; j < LOOK_AHEAD; j++)
		nb_dd += s[j] & DD;
	for (j = 0; j < nb_dd; j++) {
		u16 st = le16_to_cpu(rxdp[j].status);

		if (st & 2)
			out[n++] = le16_to_cpu(rxdp[j].ptype); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	}
	return n;
}

/* Bug: a walk that tests each entry's status in turn needs a barrier per entry; one after the first is not enough. */
static int rx_walk(struct ctlr *h, u16 *out)
{
	struct rx_desc *rxdp = &h->ring[h->tail];
	int j, n = 0;

	if (!(le16_to_cpu(rxdp[0].status) & DD))
		return 0;
	dma_rmb();
	for (j = 0; j < LOOK_AHEAD; j++) {
		if (!(le16_to_cpu(rxdp[j].status) & DD))
			break;
		out[n++] = le16_to_cpu(rxdp[j].len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	}
	return n;
}

/* Bug: a poll on one entry's status is no batch: the walk after it tests the next entries without a barrier. */
static int rx_poll_then_walk(struct ctlr *h, u16 *out)
{
	struct rx_desc *rxdp = &h->ring[h->tail];
	int j = 0, n = 0;

	while (!(le16_to_cpu(rxdp[j].status) & DD))
		cpu_relax();
	dma_rmb();
	for (j = 0; j < LOOK_AHEAD; j++) {
		if (!(le16_to_cpu(rxdp[j].status) & DD))
			break;
		out[n++] = le16_to_cpu(rxdp[j].vlan); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	}
	return n;
}

/*
 * Bug (aquantia hw_atl_b0_hw_ring_rx_receive): len is first tested after the DD test, with no dma_rmb(), so testing
 * it before the status is read again does not make the status re-read its hand-over: both reads are reported.
 */
static int rx_len_after_dd(struct ctlr *h)
{
	struct rx_desc *d = &h->ring[h->tail];
	int small = 0;

	if (!(le16_to_cpu(d->status) & DD))
		return 0;
	if (le16_to_cpu(d->len) <= 60) // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		small = 1;
	if (le16_to_cpu(d->status) & 2)
		return le16_to_cpu(d->len) + small; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	return small;
}
