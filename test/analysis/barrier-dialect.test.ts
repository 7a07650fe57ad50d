// Advice and quick fixes speak the code's own barrier vocabulary: wmb()/dma_rmb() in the kernel, udma_to_device_barrier()
// and friends in an rdma-core provider, rte_io_wmb()/rte_io_rmb() in a DPDK PMD, spdk_wmb()/spdk_rmb() in SPDK
// (engine/barrier-dialect.ts). A wmb() inserted into userspace code would not compile.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../src/engine/findings';
import { checkFixture } from '../helpers/check-fixture';
import { FIXTURES } from '../helpers/project';

/** The finding of `rule` on a line (1-based) of a file of a fixture directory, and its preferred fix's inserted text. */
async function fixAt(dir: string, file: string, line: number, rule: string): Promise<{ finding: Finding; inserted: string }> {
  const findings = await checkFixture(join(FIXTURES, dir));
  const finding = findings.find((f) => f.file.endsWith(file) && f.span.start.line + 1 === line && f.rule === rule);
  assert.ok(finding, `a ${rule} finding at ${file}:${line}`);
  const fix = finding.fixes?.find((f) => f.preferred);
  return { finding, inserted: fix?.edits[0]?.newText.trim() ?? '' };
}

const CASES = [
  { dir: 'projects/rdma-core-mlx5', file: 'qp-no-barrier.c', line: 14, rule: 'missing-wmb-before-doorbell', barrier: 'udma_to_device_barrier' },
  { dir: 'projects/dpdk-pmd-bugs', file: 'i40e_bugs.c', line: 37, rule: 'missing-wmb-before-doorbell', barrier: 'rte_io_wmb' },
  { dir: 'projects/dpdk-pmd-bugs', file: 'i40e_bugs.c', line: 49, rule: 'missing-dma-rmb', barrier: 'rte_io_rmb' },
  { dir: 'rules/missing-wmb-before-doorbell.c', file: 'missing-wmb-before-doorbell.c', line: 472, rule: 'missing-wmb-before-doorbell', barrier: 'wmb' },
  { dir: 'projects/spdk-nvme', file: 'nvme_qpair.c', line: 66, rule: 'missing-wmb-before-doorbell', barrier: 'spdk_wmb' },
  { dir: 'projects/spdk-nvme', file: 'nvme_qpair.c', line: 90, rule: 'missing-dma-rmb', barrier: 'spdk_rmb' },
  // a kernel driver's own udma_*()/mmio_*() functions are not rdma-core's vocabulary
  { dir: 'rules/doorbell-dialect-kernel.c', file: 'doorbell-dialect-kernel.c', line: 26, rule: 'missing-wmb-before-doorbell', barrier: 'wmb' },
];

for (const c of CASES) {
  test(`${c.rule} in ${c.dir} advises and inserts ${c.barrier}()`, async () => {
    const { finding, inserted } = await fixAt(c.dir, c.file, c.line, c.rule);
    assert.equal(inserted, `${c.barrier}();`);
    assert.match(finding.message, new RegExp(`Put ${c.barrier}\\(\\) between`));
  });
}

test('a DPDK relaxed doorbell is offered its ordered form: rte_write32_relaxed() -> rte_write32()', async () => {
  const { finding } = await fixAt('projects/dpdk-pmd-bugs', 'i40e_bugs.c', 37, 'missing-wmb-before-doorbell');
  const rename = finding.fixes?.find((f) => f.edits[0]?.newText === 'rte_write32');
  assert.ok(rename, 'a fix renaming the accessor');
});

test('a plain copy into an rdma-core provider\'s device page is pointed to rdma-core\'s accessors, a kernel one to writel()/memcpy_toio()', async () => {
  const { finding } = await fixAt('projects/rdma-core-efa', 'verbs.c', 28, 'iomem-plain-access');
  assert.match(finding.message, /Use mmio_write32\(\)\/mmio_write64\(\)\/mmio_memcpy_x64\(\) \(rdma-core util\/mmio\.h\)\.$/);
  const kernel = await checkFixture(join(FIXTURES, 'rules/iomem-plain-access.c'));
  const plain = kernel.find((f) => f.rule === 'iomem-plain-access');
  assert.ok(plain, 'a kernel iomem-plain-access finding');
  assert.match(plain.message, /Use (?:writel|readl)\(\)/);
});
