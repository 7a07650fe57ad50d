// Decodes PCI config space bytes: header type, PCIe port type (cap 0x10) and the ACS extended capability (id 0x000d).

import { acsBitsFromMask } from './acs';
import type { AcsBit, DeviceType } from './types';

export interface ConfigSpaceInfo {
  headerType?: number;
  /** PCIe capability Device/Port Type field (PCI_EXP_FLAGS_TYPE), when the capability was found. */
  pcieType?: number;
  /** Whether bytes beyond 0x100 were available (extended capabilities are readable). */
  extendedReadable: boolean;
  acs?: { capBits: AcsBit[]; ctrl: AcsBit[] };
  secondaryBus?: number;
  subordinateBus?: number;
}

/** PCI_EXP_TYPE_* -> topology type. */
export const PCIE_TYPES: Record<number, DeviceType> = {
  0x0: 'endpoint',
  0x1: 'endpoint',
  0x4: 'root-port',
  0x5: 'switch-upstream',
  0x6: 'switch-downstream',
  0x7: 'bridge',
  0x8: 'bridge',
  0x9: 'rc-integrated',
  0xa: 'rc-integrated',
};

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;

function findPcieType(b: Uint8Array): number | undefined {
  if (b.length < 0x40 || !(u16(b, 0x06) & 0x10)) return undefined;
  let ptr = b[0x34] & 0xfc;
  for (let guard = 0; ptr >= 0x40 && ptr + 4 <= b.length && guard < 48; guard++) {
    if (b[ptr] === 0x10) return (u16(b, ptr + 2) >> 4) & 0xf;
    ptr = b[ptr + 1] & 0xfc;
  }
  return undefined;
}

function findAcs(b: Uint8Array): ConfigSpaceInfo['acs'] {
  let off = 0x100;
  for (let guard = 0; off >= 0x100 && off + 8 <= b.length && guard < 64; guard++) {
    const hdr = u32(b, off);
    if (hdr === 0 || hdr === 0xffffffff) return undefined;
    if ((hdr & 0xffff) === 0x000d) return { capBits: acsBitsFromMask(u16(b, off + 4)), ctrl: acsBitsFromMask(u16(b, off + 6)) };
    off = (hdr >>> 20) & 0xffc;
  }
  return undefined;
}

/** Decodes what is readable; missing parts stay undefined. */
export function parseConfigSpace(b: Uint8Array): ConfigSpaceInfo {
  const info: ConfigSpaceInfo = { extendedReadable: b.length > 0x100 };
  if (b.length < 0x10) return info;
  info.headerType = b[0x0e] & 0x7f;
  if (info.headerType === 1 && b.length >= 0x1b) {
    info.secondaryBus = b[0x19];
    info.subordinateBus = b[0x1a];
  }
  const t = findPcieType(b);
  if (t !== undefined) info.pcieType = t;
  if (info.extendedReadable) {
    const acs = findAcs(b);
    if (acs) info.acs = acs;
  }
  return info;
}
