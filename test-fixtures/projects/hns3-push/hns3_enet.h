/* Look-alike of the hns3 transmit push / memory doorbell (Linux 6.1, drivers/net/ethernet/hisilicon/hns3/):
 *   - hns3pf/hclge_main.c:11405-11420 hclge_dev_mem_map(): hw.mem_base = devm_ioremap_wc(BAR 4) ; :11456
 *     hw.io_base = pcim_iomap(BAR 2); :1705-1721 per queue q.io_base / q.mem_base = base + queue offset;
 *   - hns3_enet.c:3503 the BD ring is dma_alloc_coherent(); descriptors are filled by hns3_fill_desc();
 *   - hns3_enet.c:2057-2086 hns3_tx_push_bd(): dma_wmb(), copy the BDs to a stack array, __iowrite64_copy() into
 *     mem_base, io_stop_wc(); :2088-2107 hns3_tx_mem_doorbell(): dma_wmb(), __iowrite64_copy() of the BD count to
 *     mem_base + 64, io_stop_wc(); :2109-2146 hns3_tx_doorbell(): push, memory doorbell or writel() of the tail.
 * HNS3 depends only on PCI (Kconfig:90-92), so the code is built for powerpc64 too. There dma_wmb() is lwsync, which
 * does not order the cacheable BD stores before the cache-inhibited __raw_writeq stores of __iowrite64_copy()
 * (arch/powerpc/include/asm/barrier.h:14-44): a correct portable driver uses wmb() before the copy. On arm64 (the
 * hardware this ships on) dma_wmb() is dmb oshst and the code is right. io_stop_wc() (arm64 dgh) only stops merging.
 * Checked here for every rule except missing-wc-flush and mmio-unordered-with-unlock, which depend on the unlock
 * in the stack's caller (HARD_TX_UNLOCK); those are checked, with the caller, in known-gaps/hns3-push-txlock.
 * fixture-rules: missing-wmb-before-doorbell, missing-dma-wmb-before-ownership, missing-dma-rmb, wc-combining-defeated, wc-read, iomem-plain-access, dma-wmb-insufficient, redundant-barrier, mapping-unsupported-on-arch
 */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

#define HNS3_MAX_PUSH_BD_NUM		2
#define HNS3_MEM_DOORBELL_OFFSET	64
#define HNS3_RING_TX_RING_TAIL_REG	0x00060
#define HNS3_TXD_VLD_B			0

struct hns3_desc {
	__le64 addr;
	struct { __le16 vlan_tag; __le16 send_size; __le32 type_cs_vlan_tso_len; __le16 outer_vlan_tag; __le16 tv;
		 __le32 ol_type_vlan_len_msec; __le32 paylen_ol4cs; __le16 bdtp_fe_sc_vld_ra_ri; __le16 mss_hw_csum; } tx;
};

struct hnae3_queue { void __iomem *io_base; void __iomem *mem_base; };

struct hns3_enet_ring {
	struct hns3_desc *desc;
	dma_addr_t desc_dma_addr;
	struct hnae3_queue *tqp;
	int next_to_use;
	int desc_num;
	int pending_buf;
	int last_to_use;
	u64 tx_push;
	bool push_enabled;
};

struct hclge_hw { void __iomem *io_base; void __iomem *mem_base; };
