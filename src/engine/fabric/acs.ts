// ACS bit meanings as a data table, pci_bridge_has_acs_redir() and the kernel's boot-time ACS enabling (pci_std_enable_acs).

import type { AcsBit, AcsState, PciNode, Topology } from './types';

export interface AcsBitInfo {
  bit: AcsBit;
  mask: number;
  meaning: string;
  /** Word pciutils prints in `ACSCap:`/`ACSCtl:` lines. */
  lspciName: string;
  /** Counted by pci_bridge_has_acs_redir() (drivers/pci/p2pdma.c:256-276). */
  redirects: boolean;
  /** Set by pci_std_enable_acs() when the capability advertises it (drivers/pci/pci.c:933-941, 1003-1061). */
  kernelDefault: boolean;
}

/** include/uapi/linux/pci_regs.h:979-989 */
export const ACS_BITS: readonly AcsBitInfo[] = [
  { bit: 'SV', mask: 0x0001, meaning: 'Source Validation', lspciName: 'SrcValid', redirects: false, kernelDefault: true },
  { bit: 'TB', mask: 0x0002, meaning: 'Translation Blocking', lspciName: 'TransBlk', redirects: false, kernelDefault: false },
  { bit: 'RR', mask: 0x0004, meaning: 'P2P Request Redirect', lspciName: 'ReqRedir', redirects: true, kernelDefault: true },
  { bit: 'CR', mask: 0x0008, meaning: 'P2P Completion Redirect', lspciName: 'CmpltRedir', redirects: true, kernelDefault: true },
  { bit: 'UF', mask: 0x0010, meaning: 'Upstream Forwarding', lspciName: 'UpstreamFwd', redirects: false, kernelDefault: true },
  { bit: 'EC', mask: 0x0020, meaning: 'P2P Egress Control', lspciName: 'EgressCtrl', redirects: true, kernelDefault: false },
  { bit: 'DT', mask: 0x0040, meaning: 'Direct Translated P2P', lspciName: 'DirectTrans', redirects: false, kernelDefault: false },
];

export const ACS_CITATIONS = {
  bits: 'include/uapi/linux/pci_regs.h:979-989',
  redir: 'drivers/pci/p2pdma.c:256-276',
  enable: 'drivers/pci/pci.c:933-941, 1003-1061',
} as const;

const ORDER = new Map(ACS_BITS.map((b, i) => [b.bit, i]));

export function sortAcsBits(bits: Iterable<AcsBit>): AcsBit[] {
  return [...new Set(bits)].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
}

export function acsBitsFromMask(mask: number): AcsBit[] {
  return ACS_BITS.filter((b) => (mask & b.mask) !== 0).map((b) => b.bit);
}

export function acsMaskFromBits(bits: readonly AcsBit[]): number {
  return ACS_BITS.filter((b) => bits.includes(b.bit)).reduce((m, b) => m | b.mask, 0);
}

/** Whether the topology's IOMMU settings make Linux enable ACS at boot (pci_request_acs() + pci_std_enable_acs()). */
export function kernelEnablesAcs(t: Topology): boolean {
  return t.iommu.acsRedirect === 'kernel-default' && t.iommu.mode !== 'off';
}

/** Bits the kernel adds on this node at boot (empty when it has no ACS capability). */
export function kernelAddedBits(acs: AcsState | undefined, enabled: boolean): AcsBit[] {
  if (!enabled || !acs || !acs.cap) return [];
  const supported = acs.capBits;
  return ACS_BITS.filter((b) => b.kernelDefault && (supported === undefined || supported.includes(b.bit)))
    .map((b) => b.bit)
    .filter((bit) => !acs.ctrl.includes(bit));
}

/** Effective ACS Control bits of a node: listed bits plus the kernel-default effect. */
export function effectiveAcsCtrl(node: PciNode, enabled: boolean): AcsBit[] {
  if (!node.acs || !node.acs.cap) return [];
  return sortAcsBits([...node.acs.ctrl, ...kernelAddedBits(node.acs, enabled)]);
}

/** The redirecting bits (RR, CR, EC) among `ctrl`; non-empty means pci_bridge_has_acs_redir() returns 1. */
export function redirectBits(ctrl: readonly AcsBit[]): AcsBit[] {
  return ACS_BITS.filter((b) => b.redirects && ctrl.includes(b.bit)).map((b) => b.bit);
}
