/* SPDX-License-Identifier: GPL-2.0 */
/* The name of drivers/net/ethernet/boardvend/hdrnic.c, spelled only here; x86 platform code registers it through the macro. */
#define HDRNIC_DRIVER_NAME "hdr-board-nic"
