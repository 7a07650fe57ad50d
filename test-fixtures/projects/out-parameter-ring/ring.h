/* A ring whose descriptor memory a helper in another file allocates through an out-parameter (the
 * `alloc(dev, size, (void **)&r->desc, &r->dma)` shape), and a software shadow allocated the same way from kcalloc(). */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct ring_desc { __le64 addr; __le32 len; __le32 flags; };

struct ring {
	struct ring_desc *desc;
	dma_addr_t dma;
	u32 *shadow;
	void __iomem *db;
	unsigned int prod;
};

/* A completion ring set up through locals: `ring_mem_alloc(dev, size, &va, &pa); q->desc = va;`. */
struct cq {
	struct ring_desc *desc;
	u32 *shadow;
	void __iomem *db;
	unsigned int cons;
};

int ring_mem_alloc(struct device *dev, size_t size, void **vaddr, dma_addr_t *paddr);
int ring_shadow_alloc(size_t size, void **vaddr);
