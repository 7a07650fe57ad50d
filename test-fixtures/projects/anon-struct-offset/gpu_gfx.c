/* The firmware table is a global of an anonymous struct: its `offset` is the table's own, not the TTM placement's. */
#include "gpu.h"

static struct {
	unsigned int id;
	unsigned int offset;
	unsigned int size;
} autoload_info[8];

void gpu_parse_toc(const unsigned int *toc, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		autoload_info[i].id = i;
		autoload_info[i].offset = toc[i] * 4;
	}
}

/* Clean: a GPU address plus a table offset. */
void gpu_autoload_enable(struct gpu_dev *adev)
{
	u64 gpu_addr = adev->autoload_gpu_addr + autoload_info[1].offset;

	WREG32(0x100, lower_32_bits(gpu_addr));
}

/* Bug: the doorbell BAR's CPU address programmed into a register the GPU compares bus addresses with. */
void gpu_selfring(struct gpu_dev *adev)
{
	WREG32(0x200, lower_32_bits(adev->doorbell_base)); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
}
