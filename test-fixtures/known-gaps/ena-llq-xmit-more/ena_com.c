/* Like ena_com.c (Linux 6.1): host SQ allocation (ena_com_init_io_sq) and the BAR offsets of ena_com_create_io_sq
 * (:1224-1233). */
#include "ena_com.h"

int ena_com_init_io_sq(struct ena_com_dev *ena_dev, struct ena_com_io_sq *io_sq, u32 size)
{
	if (io_sq->mem_queue_type == ENA_ADMIN_PLACEMENT_POLICY_HOST) {
		io_sq->desc_addr.virt_addr = dma_alloc_coherent(ena_dev->dmadev, size, &io_sq->desc_addr.phys_addr, GFP_KERNEL);
		if (!io_sq->desc_addr.virt_addr)
			return -ENOMEM;
	}
	return 0;
}

int ena_com_create_io_sq(struct ena_com_dev *ena_dev, struct ena_com_io_sq *io_sq, u32 db_off, u32 llq_hdr_off, u32 llq_desc_off)
{
	io_sq->db_addr = (u32 __iomem *)((uintptr_t)ena_dev->reg_bar + (uintptr_t)db_off);

	if (io_sq->mem_queue_type == ENA_ADMIN_PLACEMENT_POLICY_DEV) {
		io_sq->header_addr = (u8 __iomem *)((uintptr_t)ena_dev->mem_bar + llq_hdr_off);
		io_sq->desc_addr.pbuf_dev_addr = (u8 __iomem *)((uintptr_t)ena_dev->mem_bar + llq_desc_off);
	}
	return 0;
}
