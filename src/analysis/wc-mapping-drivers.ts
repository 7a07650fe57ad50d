// Which drivers map device memory write-combining for the kernel (ioremap_wc(), pci_iomap_wc(), ...): an MMIO write
// whose mapping is not resolved may go to such a mapping.
import type { FileFacts } from './facts';
import type { FileVisibility } from './file-visibility';

/**
 * Calls that give the kernel a write-combining view of device memory (fabric-facts.ts WC_CALLS without
 * pgprot_writecombine, a user mmap's or vmap's page protection, and memremap(), RAM-like memory no writel() targets);
 * arch_phys_wc_add() makes an ioremap()ed range WC through an MTRR on x86_64.
 */
const KERNEL_WC_MAPPINGS: ReadonlySet<string> = new Set([
  'ioremap_wc', 'devm_ioremap_wc', 'pci_iomap_wc', 'pci_iomap_wc_range', 'pci_ioremap_wc_bar', 'io_mapping_create_wc',
  'io_mapping_init_wc', 'arch_phys_wc_add', 'devm_arch_phys_wc_add',
]);

export class WcMappingDrivers {
  /** Files calling one of KERNEL_WC_MAPPINGS (built on first use, dropped when the functions change). */
  private wcFiles?: string[];

  constructor(private readonly files: Map<string, FileFacts>, private readonly visibility: FileVisibility) {}

  clearCaches(): void { this.wcFiles = undefined; }

  /** True when a file of the driver of `file` (the same file, or one sharing a local header) maps memory WC. */
  driverMapsWc(file: string): boolean {
    this.wcFiles ??= [...this.files.values()].filter((f) => f.fabric?.wcMaps.some((m) => KERNEL_WC_MAPPINGS.has(m.api))).map((f) => f.path);
    return this.wcFiles.some((f) => this.visibility.sameDriver(f, file));
  }
}
