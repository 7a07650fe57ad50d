/* A GPU driver's shared header: two files each keep a `static` pointer named `cfg`, to different structs. fixture-rules: cpu-phys-as-bus-address */
#include <linux/pci.h>
#include <linux/io.h>

struct gpu_fw_info { u32 id; u64 base; };
struct gpu_aperture { u64 base; u64 size; };
struct gpu_dev { struct pci_dev *pdev; void __iomem *rmmio; u64 fw_gpu_addr; };

#define WREG32(reg, v) writel((v), adev->rmmio + ((reg) * 4))
