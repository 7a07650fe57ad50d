/* The firmware table: this file's `cfg` holds GPU addresses the GPU itself reads from. */
#include "gpu.h"

static struct gpu_fw_info fw0;
static struct gpu_fw_info *cfg = &fw0;

void gpu_fw_parse(struct gpu_dev *adev, u32 offset)
{
	cfg->base = adev->fw_gpu_addr + offset;
}

/* Clean: a GPU address, although gpu_aper.c's own `cfg->base` holds a BAR's CPU address. */
void gpu_fw_load(struct gpu_dev *adev)
{
	WREG32(0x100, lower_32_bits(cfg->base));
}
