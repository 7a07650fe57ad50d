// BDF and hex helpers: parse/normalise `dddd:bb:dd.f`, hex-string addresses as BigInt, human-readable sizes.

import type { Bdf } from './types';

export interface BdfParts {
  segment: number;
  bus: number;
  device: number;
  fn: number;
}

const BDF_RE = /^(?:([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])$/;

/** Parses `dddd:bb:dd.f` or domain-less `bb:dd.f` (domain defaults to `defaultSegment`). */
export function parseBdf(text: string, defaultSegment = 0): BdfParts | undefined {
  const m = BDF_RE.exec(text.trim());
  if (!m) return undefined;
  const device = parseInt(m[3], 16);
  if (device > 0x1f) return undefined;
  return {
    segment: m[1] === undefined ? defaultSegment : parseInt(m[1], 16),
    bus: parseInt(m[2], 16),
    device,
    fn: parseInt(m[4], 10),
  };
}

export function formatBdf(p: BdfParts): Bdf {
  const h = (n: number, w: number) => n.toString(16).padStart(w, '0');
  return `${h(p.segment, 4)}:${h(p.bus, 2)}:${h(p.device, 2)}.${p.fn}`;
}

/** Canonical form of a BDF string, or undefined when it is not a BDF. */
export function normalizeBdf(text: string, defaultSegment = 0): Bdf | undefined {
  const p = parseBdf(text, defaultSegment);
  return p ? formatBdf(p) : undefined;
}

/** Routing ID (bus << 8 | devfn) used by SR-IOV VF offset/stride arithmetic. */
export function routingId(p: BdfParts): number {
  return (p.bus << 8) | (p.device << 3) | p.fn;
}

export function fromRoutingId(segment: number, rid: number): BdfParts {
  return { segment, bus: (rid >> 8) & 0xff, device: (rid >> 3) & 0x1f, fn: rid & 7 };
}

const HEX_RE = /^0x[0-9a-fA-F]+$/;

export function parseHexBigInt(text: string): bigint | undefined {
  return HEX_RE.test(text) ? BigInt(text) : undefined;
}

export function hex(n: bigint): string {
  return `0x${n.toString(16)}`;
}

/** `4K`, `32M`, `16G` ... like pciutils' show_size(); falls back to hex for odd sizes. */
export function formatSize(n: bigint): string {
  const suffixes = ['', 'K', 'M', 'G', 'T'];
  let i = 0;
  let x = n;
  while (i < suffixes.length - 1 && x !== 0n && x % 1024n === 0n) {
    x /= 1024n;
    i++;
  }
  return `${x}${suffixes[i]}`;
}

/** Parses a pciutils size string such as `32M`, `512K`, `4` into bytes. */
export function parseSize(text: string): bigint | undefined {
  const m = /^(\d+)([KMGT]?)$/.exec(text.trim());
  if (!m) return undefined;
  const shift = { '': 0n, K: 10n, M: 20n, G: 30n, T: 40n }[m[2] as '' | 'K' | 'M' | 'G' | 'T'];
  return BigInt(m[1]) << shift;
}
