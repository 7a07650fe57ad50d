/* mapping-unsupported-on-arch: mappings that return NULL or lose their memory type. fixture-rules: mapping-unsupported-on-arch */
#include <linux/io.h>

static void __iomem *map_uc(phys_addr_t p)
{
	return ioremap_uc(p, 4096); // expect: mapping-unsupported-on-arch (arm64, riscv64)
}

static void __iomem *map_np(phys_addr_t p)
{
	return ioremap_np(p, 4096); // expect: mapping-unsupported-on-arch (powerpc64, riscv64, x86_64)
}

static void __iomem *map_wc(phys_addr_t p)
{
	return ioremap_wc(p, 4096); // expect: mapping-unsupported-on-arch (riscv64)
}

/* Clean: plain ioremap() is what it says everywhere. */
static void __iomem *map_plain(phys_addr_t p)
{
	return ioremap(p, 4096);
}
