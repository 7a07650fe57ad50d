/* The VRAM aperture: this file's `cfg` holds the BAR's CPU physical address. */
#include "gpu.h"

static struct gpu_aperture aper0;
static struct gpu_aperture *cfg = &aper0;

int gpu_aper_init(struct gpu_dev *adev)
{
	cfg->base = pci_resource_start(adev->pdev, 0);
	cfg->size = pci_resource_len(adev->pdev, 0);
	adev->rmmio = pci_iomap(adev->pdev, 5, 0);
	return 0;
}

/* Bug: the aperture's CPU address programmed into a register the GPU compares its own addresses with. */
void gpu_aper_program(struct gpu_dev *adev)
{
	WREG32(0x200, lower_32_bits(cfg->base)); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
}
