// Host-bridge P2P allowlist of Linux 6.1 (pci_p2pdma_whitelist[], drivers/pci/p2pdma.c:299-320) and the AMD Zen CPU rule.

import type { Topology } from './types';

export interface AllowlistEntry {
  vendor: string;
  device: string;
  /** REQ_SAME_HOST_BRIDGE: only P2P between devices below the same host bridge. */
  reqSameHostBridge: boolean;
  comment: string;
}

export const ALLOWLIST_CITATION = 'drivers/pci/p2pdma.c:299-320';
export const HOST_BRIDGE_DEV_CITATION = 'drivers/pci/p2pdma.c:322-356';
export const HOST_BRIDGE_WHITELIST_CITATION = 'drivers/pci/p2pdma.c:358-405';
export const CPU_SUPPORTS_CITATION = 'drivers/pci/p2pdma.c:286-297';

export const P2PDMA_HOST_BRIDGE_ALLOWLIST: readonly AllowlistEntry[] = [
  { vendor: '8086', device: '3c00', reqSameHostBridge: true, comment: 'Intel Xeon E5/Core i7 (Sandy Bridge-EP)' },
  { vendor: '8086', device: '3c01', reqSameHostBridge: true, comment: 'Intel Xeon E5/Core i7 (Sandy Bridge-EP)' },
  { vendor: '8086', device: '2f00', reqSameHostBridge: true, comment: 'Intel Xeon E7 v3/Xeon E5 v3/Core i7 (Haswell)' },
  { vendor: '8086', device: '2f01', reqSameHostBridge: true, comment: 'Intel Xeon E7 v3/Xeon E5 v3/Core i7 (Haswell)' },
  { vendor: '8086', device: '2030', reqSameHostBridge: false, comment: 'Intel Skylake-E' },
  { vendor: '8086', device: '2031', reqSameHostBridge: false, comment: 'Intel Skylake-E' },
  { vendor: '8086', device: '2032', reqSameHostBridge: false, comment: 'Intel Skylake-E' },
  { vendor: '8086', device: '2033', reqSameHostBridge: false, comment: 'Intel Skylake-E' },
  { vendor: '8086', device: '2020', reqSameHostBridge: false, comment: 'Intel Skylake-E' },
  { vendor: '8086', device: '09a2', reqSameHostBridge: false, comment: 'Intel (listed under the Skylake-E comment; likely Ice Lake-SP)' },
];

export function findAllowlistEntry(vendor: string, device: string): AllowlistEntry | undefined {
  const v = vendor.toLowerCase();
  const d = device.toLowerCase();
  return P2PDMA_HOST_BRIDGE_ALLOWLIST.find((e) => e.vendor === v && e.device === d);
}

/** cpu_supports_p2pdma(): x86 AMD with family >= 0x17 (Zen). */
export function cpuSupportsP2pdma(cpu: Topology['cpu']): boolean {
  return cpu.vendor === 'amd' && cpu.family !== undefined && cpu.family >= 0x17;
}
