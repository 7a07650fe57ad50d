/* Like cxgb4 iw_cxgb4.h:916-922: a helper that returns 0 on every target but x86_64 and powerpc64, so a mapping made
 * under `if (onchip_supported(...))` (device.c:1030-1035) exists on those two only; and a look-alike whose other
 * branch is not a constant, so its mapping exists everywhere. */
#include <linux/io.h>
#include <linux/pci.h>

struct hw_info { unsigned int onchip_size; unsigned int wc_ok; };

struct hw_dev {
	void __iomem *onchip_kva;	/* WC on-chip queue memory */
	void __iomem *wc_kva;		/* WC window */
	void __iomem *regs;		/* uncached registers */
};

static inline int onchip_supported(const struct hw_info *info)
{
#if defined(__i386__) || defined(__x86_64__) || defined(CONFIG_PPC64)
	return info->onchip_size > 0;
#else
	return 0;
#endif
}

static inline int wc_supported(const struct hw_info *info)
{
#if defined(CONFIG_X86)
	return 1;
#else
	return info->wc_ok;
#endif
}

int hw_map(struct pci_dev *pdev, struct hw_dev *dev, const struct hw_info *info, int old_chip);
void hw_post_onchip(struct hw_dev *dev, const u64 *wqe);
void hw_post_wc(struct hw_dev *dev, const u64 *wqe);
