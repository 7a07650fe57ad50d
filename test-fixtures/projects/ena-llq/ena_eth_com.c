/* Like ena_eth_com.c (Linux 6.1): the bounce-buffer copy into the LLQ (:47-85) and the descriptor write. */
#include "ena_com.h"

static int ena_com_write_bounce_buffer_to_dev(struct ena_com_io_sq *io_sq, u8 *bounce_buffer)
{
	u16 dst_tail_mask;
	u32 dst_offset;

	dst_tail_mask = io_sq->tail & (io_sq->q_depth - 1);
	dst_offset = dst_tail_mask * io_sq->desc_list_entry_size;

	/* Make sure everything was written into the bounce buffer before writing the bounce buffer to the device */
	wmb();

	/* The line is completed. Copy it to dev */
	__iowrite64_copy(io_sq->desc_addr.pbuf_dev_addr + dst_offset, bounce_buffer, io_sq->desc_list_entry_size / 8);

	io_sq->tail++;

	/* Switch phase bit in case of wrap around */
	if (unlikely((io_sq->tail & (io_sq->q_depth - 1)) == 0))
		io_sq->phase ^= 1;

	return 0;
}

static void *get_sq_desc_regular_queue(struct ena_com_io_sq *io_sq)
{
	u16 tail_masked = io_sq->tail & (io_sq->q_depth - 1);

	return (void *)((uintptr_t)io_sq->desc_addr.virt_addr + tail_masked * io_sq->desc_entry_size);
}

int ena_com_prepare_tx(struct ena_com_io_sq *io_sq, u64 dma, u32 len)
{
	struct ena_eth_io_tx_desc *desc;

	if (io_sq->mem_queue_type == ENA_ADMIN_PLACEMENT_POLICY_DEV) {
		desc = (struct ena_eth_io_tx_desc *)io_sq->curr_bounce_buf;
		desc->len_ctrl = len | (io_sq->phase << 24);
		desc->buff_addr_lo = lower_32_bits(dma);
		return ena_com_write_bounce_buffer_to_dev(io_sq, io_sq->curr_bounce_buf);
	}

	desc = get_sq_desc_regular_queue(io_sq);
	desc->buff_addr_lo = lower_32_bits(dma);
	desc->buff_addr_hi_hdr_sz = upper_32_bits(dma);
	desc->len_ctrl = len | (io_sq->phase << 24);
	io_sq->tail++;
	return 0;
}
