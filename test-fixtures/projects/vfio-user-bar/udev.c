/* A userspace driver that maps its device itself (the shape of small vfio-pci drivers and test tools): BAR0's registers
 * through the vfio region VFIO_DEVICE_GET_REGION_INFO describes (pgprot_noncached, drivers/vfio/pci/vfio_pci_core.c:1781),
 * BAR2's push window through sysfs resource2_wc (pgprot_writecombine, drivers/pci/mmap.c:33-34; made only for a
 * prefetchable BAR, and on riscv64 6.1 not at all, drivers/pci/pci-sysfs.c:1284-1286). fixture-rules: all */
#include <endian.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/vfio.h>
#include "barrier.h"

struct udev { uint8_t *regs; uint8_t *push; uint8_t *cfg; };

static int map_regs(struct udev *d, int dev_fd)
{
	struct vfio_region_info reg = { .argsz = sizeof(reg), .index = VFIO_PCI_BAR0_REGION_INDEX };
	void *p;

	if (ioctl(dev_fd, VFIO_DEVICE_GET_REGION_INFO, &reg))
		return -1;
	p = mmap(NULL, reg.size, PROT_READ | PROT_WRITE, MAP_SHARED, dev_fd, reg.offset);
	if (p == MAP_FAILED)
		return -1;
	d->regs = p;
	return 0;
}

static int map_push(struct udev *d, const char *bdf)
{
	char path[128];
	void *p;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource%d_wc", bdf, 2);
	fd = open(path, O_RDWR);
	if (fd < 0)
		return -1;
	p = mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	d->push = p;
	return 0;
}

/* sysfs resource4 without _wc: pgprot_device, uncached like the vfio region. */
static int map_cfg(struct udev *d)
{
	int fd = open("/sys/bus/pci/devices/0000:01:00.0/resource4", O_RDWR);

	if (fd < 0)
		return -1;
	d->cfg = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return d->cfg == MAP_FAILED ? -1 : 0;
}

/* The work request pushed without a flush: on arm64 (Normal-NC) and powerpc64 (I=1, G=0) the push may reach the device
 * after the doorbell; on x86_64 the uncached doorbell store drains the write-combining buffers. */
static void post(struct udev *d, const uint64_t *wqe, uint32_t tail)
{
	memcpy(d->push, wqe, 64); // expect: iomem-plain-access (powerpc64)
	*(volatile uint32_t *)(d->regs + 0x40) = htole32(tail); // expect: missing-wc-flush (arm64, powerpc64)
}

/* Clean of the flush: wmb() (the program's own, dsb st / sync) orders the push before the doorbell. The doorbell value
 * is converted to little-endian, so its big-endian store is right too. */
static void post_flushed(struct udev *d, const uint64_t *wqe, uint32_t tail)
{
	memcpy(d->push, wqe, 64); // expect: iomem-plain-access (powerpc64)
	wmb();
	*(volatile uint32_t *)(d->regs + 0x40) = htole32(tail);
}

/* A copy into uncached device memory: libc memcpy() may use unaligned and wide accesses that Device memory faults on. */
static void load_table(struct udev *d, const void *table)
{
	memcpy(d->cfg + 0x100, table, 256); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
}

/* A native store of a value not converted: on big-endian powerpc64 the little-endian register gets it byte-swapped. */
static void set_mode(struct udev *d, uint32_t mode)
{
	*(volatile uint32_t *)(d->regs + 0x10) = mode; // expect: iomem-plain-access (powerpc64)
}

/* A big-endian register given its value in big-endian order (htobe32()): the bytes are right on either byte order. */
static void set_mode_be(struct udev *d, uint32_t mode)
{
	*(volatile uint32_t *)(d->regs + 0x14) = htobe32(mode);
}

/* A path that names resource2 or resource2_wc by a flag: which memory the mapping is cannot be told, so it is none. */
static uint8_t *map_either(const char *bdf, int wc)
{
	char path[128];
	void *p;
	int fd;

	if (wc)
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource2_wc", bdf);
	else
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource2", bdf);
	fd = open(path, O_RDWR);
	p = mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p;
}

static void post_either(struct udev *d, const char *bdf, const uint64_t *wqe)
{
	uint8_t *bf = map_either(bdf, 1);

	memcpy(bf, wqe, 64);
	*(volatile uint32_t *)(d->regs + 0x40) = htole32(1);
}

/* An anonymous mapping and a file mapping are ordinary memory. */
static void scratch(const char *file)
{
	int fd = open(file, O_RDWR);
	uint8_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	uint8_t *a = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memset(m, 0, 4096);
	memcpy(a, m, 4096);
}

int main(int argc, char **argv)
{
	static const uint64_t wqe[8];
	struct udev d;

	if (argc < 3 || map_regs(&d, atoi(argv[2])) || map_push(&d, argv[1]) || map_cfg(&d))
		return 1;
	post(&d, wqe, 1);
	post_flushed(&d, wqe, 2);
	load_table(&d, wqe);
	return 0;
}

/* A volatile store into the write-combining window itself drains nothing, on x86_64 either: the uncached doorbell
 * after it is what orders the push there, as above. */
static void post_volatile(struct udev *d, uint64_t w0, uint32_t tail)
{
	*(volatile uint64_t *)d->push = htole64(w0);
	*(volatile uint64_t *)(d->push + 8) = htole64(w0 + 1);
	*(volatile uint32_t *)(d->regs + 0x40) = htole32(tail); // expect: missing-wc-flush (arm64, powerpc64)
}

/* A volatile read of the write-combining window drains nothing either: the release of the lock still leaves the
 * store in the buffers on x86_64 (a plain store) and powerpc64 (lwsync). */
static void push_checked(struct udev *d, pthread_spinlock_t *lock, uint64_t w0)
{
	uint32_t seen;

	pthread_spin_lock(lock);
	*(volatile uint64_t *)d->push = htole64(w0);
	seen = *(volatile uint32_t *)(d->push + 60);
	pthread_spin_unlock(lock); // expect: missing-wc-flush (powerpc64, x86_64)
	(void)seen;
}

/* A descriptor ring the device reads: its pages pinned and mapped for the device by VFIO_IOMMU_MAP_DMA (the buffer
 * `.vaddr` names, drivers/vfio/vfio_iommu_type1.c:1638). The doorbell is a volatile store through the vfio BAR0 region,
 * a plain store on every architecture: nothing orders the descriptor's stores before it (on x86_64 the compiler may
 * move them after it). */
struct ring { struct desc { uint64_t addr; uint32_t len; uint32_t flags; } *desc; uint32_t tail; };

static int map_ring(int container, struct ring *r, uint64_t iova)
{
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map), .flags = VFIO_DMA_MAP_FLAG_READ };

	r->desc = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	map.vaddr = (uintptr_t)r->desc;
	map.iova = iova;
	map.size = 4096;
	return ioctl(container, VFIO_IOMMU_MAP_DMA, &map);
}

static void submit(struct udev *d, struct ring *r, uint64_t buf, uint32_t len)
{
	struct desc *x = &r->desc[r->tail];

	x->addr = htole64(buf);
	x->len = htole32(len);
	r->tail = (r->tail + 1) & 255;
	*(volatile uint32_t *)(d->regs + 0x80) = htole32(r->tail); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: wmb() between the descriptor and the doorbell. */
static void submit_ordered(struct udev *d, struct ring *r, uint64_t buf, uint32_t len)
{
	struct desc *x = &r->desc[r->tail];

	x->addr = htole64(buf);
	x->len = htole32(len);
	r->tail = (r->tail + 1) & 255;
	wmb();
	*(volatile uint32_t *)(d->regs + 0x80) = htole32(r->tail);
}

/* A buffer given in the map's initialiser is the device's too; a heap buffer never mapped is the CPU's alone. */
static uint32_t *status_page(int container, uint64_t iova)
{
	uint32_t *page = aligned_alloc(4096, 4096);
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map), .vaddr = (uintptr_t)page, .iova = iova, .size = 4096 };

	return ioctl(container, VFIO_IOMMU_MAP_DMA, &map) ? NULL : page;
}

static void arm_status(struct udev *d, int container)
{
	uint32_t *st = status_page(container, 0x10000);
	uint32_t *scratch = aligned_alloc(4096, 4096);

	scratch[0] = 1;
	*(volatile uint32_t *)(d->regs + 0x84) = 0;
	st[0] = 0;
	*(volatile uint32_t *)(d->regs + 0x88) = htole32(1); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
}

/* A register write followed on every path by wmb() and a doorbell to the same BAR only configures the device: the
 * ordered doorbell is what starts it (later-trigger.ts), volatile stores as well as writel(). */
static void submit_configured(struct udev *d, struct ring *r, uint64_t buf)
{
	struct desc *x = &r->desc[r->tail];

	x->addr = htole64(buf);
	*(volatile uint32_t *)(d->regs + 0x90) = htole32(1);
	wmb();
	*(volatile uint32_t *)(d->regs + 0x80) = htole32(r->tail);
}

/* The doorbell in a helper (rdma-core mthca's and hns's shape): a volatile store through its pointer parameter, which the
 * call gives the BAR. The store is the caller's doorbell, after the descriptor. */
static inline void db_write(void *reg, uint32_t v)
{
	*(volatile uint32_t *)reg = v;
}

static void submit_through_helper(struct udev *d, struct ring *r, uint64_t buf)
{
	struct desc *x = &r->desc[r->tail];

	x->addr = htole64(buf);
	db_write(d->regs + 0x98, htole32(1)); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
}

/* The helper's store takes the byte order of the value each call passes: the call passing `r->tail` as it is is
 * reported on powerpc64, the one passing htole32(r->tail) is not. */
static inline void db_write_raw(void *reg, uint32_t v)
{
	*(volatile uint32_t *)reg = v;
}

static void submit_twice(struct udev *d, struct ring *r, uint64_t buf)
{
	r->desc[r->tail].addr = htole64(buf);
	wmb();
	db_write_raw(d->regs + 0x9c, htole32(r->tail));
	db_write_raw(d->regs + 0x9c, r->tail); // expect: iomem-plain-access (powerpc64)
}
