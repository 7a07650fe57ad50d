/* The VRAM aperture's CPU address, and a TTM placement (a struct of an outside header, so untyped here) that holds it. */
#include "gpu.h"

int gpu_gmc_init(struct gpu_dev *adev)
{
	adev->gmc.aper_base = pci_resource_start(adev->pdev, 0);
	adev->doorbell_base = pci_resource_start(adev->pdev, 2);
	adev->rmmio = pci_iomap(adev->pdev, 5, 0);
	return 0;
}

void gpu_io_mem_reserve(struct gpu_dev *adev, struct ttm_resource *mem)
{
	mem->bus.offset += adev->gmc.aper_base;
	writel(1, adev->rmmio + 0x40);
}
