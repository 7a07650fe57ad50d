// SPDX-License-Identifier: GPL-2.0
/* An MFD whose cell is the NIC of drivers/net/ethernet/boardvend/mfdcellnic.c. */
#include <linux/mfd/core.h>

static const struct mfd_cell board_cells[] = { { .name = "mfd-cell-nic" } };
