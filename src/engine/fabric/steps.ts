// Structured reasoning steps of a P2P verdict (rendered as text by the CLI and as a list by the editor webview).

import type { AcsBit, Bdf } from './types';

export type StepKind =
  | 'chain'
  | 'acs'
  | 'common-node'
  | 'no-common-node'
  | 'bus-addr'
  | 'acs-redirect'
  | 'cpu-rule'
  | 'host-bridge'
  | 'allowlist'
  | 'verdict'
  | 'path'
  | 'iommu'
  | 'address';

export interface ReasonStep {
  kind: StepKind;
  /** One readable sentence. */
  text: string;
  /** Linux 6.1 `path:lines` the step reproduces (absent for steps beyond the kernel). */
  citation?: string;
  /** The node the step is about. */
  bdf?: Bdf;
  /** ACS bits involved (for `acs`). */
  bits?: AcsBit[];
  /** Bits the kernel-default ACS effect added on that node (for `acs`). */
  kernelAdded?: AcsBit[];
  /** Host bridge id (for `host-bridge` / `allowlist`). */
  hostBridge?: string;
  /** `vendor:device` looked up in the allowlist (for `allowlist`). */
  rootDevice?: string;
  /** Whether this check passed (for `cpu-rule`, `allowlist`). */
  ok?: boolean;
  /** BDFs involved (for `chain` and `path`). */
  bdfs?: Bdf[];
}

export const KERNEL_CITATIONS = {
  calc: 'drivers/pci/p2pdma.c:413-542',
  distanceMany: 'drivers/pci/p2pdma.c:544-601',
  upstream: 'include/linux/pci.h:729-736',
  mapTypes: 'include/linux/dma-map-ops.h:396-434',
  busOffset: 'drivers/pci/p2pdma.c:203-204, 902-906',
  busAddress: 'include/linux/pci.h:1534-1540; drivers/pci/host-bridge.c:51-68',
  iovaReserve: 'drivers/iommu/dma-iommu.c:432-476',
  mapResource: 'kernel/dma/mapping.c:295-314',
  directMap: 'kernel/dma/direct.c:473-515',
} as const;
