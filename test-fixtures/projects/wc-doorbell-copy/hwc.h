/* A core NIC module with two engines: the device struct maps the BARs, each engine copies its window pointers
 * from it through a setup helper's parameters (after qed: qed_main.c:362, qed_dev.c:4663, :4760, :4782).
 * fixture-rules: redundant-barrier, missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

struct hwc_engine {
	void __iomem *regs;
	void __iomem *db_base;
	void __iomem *db_copy;
	u32 *ring;
	dma_addr_t ring_dma;
	u16 prod;
};

struct hwc_dev {
	struct pci_dev *pdev;
	void __iomem *regview;
	void __iomem *doorbells;
	int num_engines;
	struct hwc_engine engines[2];
};

#define HWC_DOORBELL(eng, off, val) \
	writel((u32)(val), (void __iomem *)((u8 __iomem *)((eng)->db_base) + (off)))
#define HWC_REG_WR(eng, off, val) writel((u32)(val), (eng)->regs + (off))

int hwc_map_bars(struct hwc_dev *cdev);
int hwc_prepare(struct hwc_dev *cdev);
void hwc_post(struct hwc_engine *eng, u32 val);
void hwc_post_copy(struct hwc_engine *eng, u32 val);
void hwc_kick(struct hwc_engine *eng, u32 val);
