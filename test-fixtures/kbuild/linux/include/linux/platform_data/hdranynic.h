/* SPDX-License-Identifier: GPL-2.0 */
/* The name of drivers/net/ethernet/boardvend/hdranynic.c; included by x86 platform code and by a board file built everywhere. */
#define HDRANYNIC_DRIVER_NAME "hdr-any-nic"
