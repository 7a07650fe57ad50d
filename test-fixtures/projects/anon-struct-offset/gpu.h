/* A GPU driver's shared header (amdgpu's shape). fixture-rules: cpu-phys-as-bus-address */
#include <linux/pci.h>
#include <linux/io.h>

struct gpu_gmc { u64 aper_base; u64 vram_start; };
struct gpu_dev { struct pci_dev *pdev; void __iomem *rmmio; struct gpu_gmc gmc; u64 autoload_gpu_addr; u64 doorbell_base; };

#define WREG32(reg, v) writel((v), adev->rmmio + ((reg) * 4))
