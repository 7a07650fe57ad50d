/* The adapter block the driver allocates coherent: the status queue the controller writes, then the driver's own
 * bookkeeping (pointers into the queue, the bus address of its tail), then words the controller does read. */
#include <linux/dma-mapping.h>
#include "stq_types.h"

typedef struct {
	STQ_STATUS status[32];
	volatile PSTQ_STATUS p_start;
	volatile PSTQ_STATUS p_end;
	volatile PSTQ_STATUS p_tail;
	STQ_CURSOR cursor;
	stq_done_t callback;
	volatile u32 hw_start;
	volatile u32 hw_tail;
	u32 hw_next;
	__le64 next_addr;
	dma_addr_t link;
} STQ_ADAPTER, *PSTQ_ADAPTER;

/* A receive descriptor: the controller writes `status` and `len`; `cursor` is the driver's. */
typedef struct {
	__le32 status;
	__le32 len;
	STQ_CURSOR cursor;
} STQ_DESC, *PSTQ_DESC;

struct stq_host {
	PSTQ_ADAPTER adapt;
	PSTQ_DESC ring;
	dma_addr_t ring_dma;
	unsigned long io_addr;
	void __iomem *mem;
};
