/* Shared by nic_main.c and nic_tx.c: the device state (mapped in nic_main.c, used in nic_tx.c) and the helpers. */
#include <linux/io.h>
#include <linux/spinlock.h>

struct nic_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct nic_priv {
	void __iomem *regs;	/* BAR0, uncached */
	void __iomem *bf;	/* BAR2, write-combining */
	struct nic_desc *ring;	/* coherent DMA memory */
	dma_addr_t ring_dma;
	unsigned int tail;
	spinlock_t lock;
};

void nic_kick(struct nic_priv *priv);
void nic_kick_ordered(struct nic_priv *priv);
