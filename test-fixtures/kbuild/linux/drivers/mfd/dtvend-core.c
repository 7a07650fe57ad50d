// SPDX-License-Identifier: GPL-2.0
/* A multi-function device whose cell instantiates the Ethernet part of dtvend by name (dtmfdnic.c), on any architecture. */
#include <linux/mfd/core.h>

static const struct mfd_cell dtvend_cells[] = {
	{ .name = "dtvend-mfd-eth" },
};

static int dtvend_core_add(struct device *dev)
{
	return devm_mfd_add_devices(dev, 0, dtvend_cells, ARRAY_SIZE(dtvend_cells), NULL, 0, NULL);
}
