// Parser of `lspci -vvv` output (with or without -nn / -D): device types, BARs, bus numbers, ACS and SR-IOV capabilities.

import { acsBitsFromMask, ACS_BITS } from './acs';
import { normalizeBdf, parseSize } from './bdf';
import type { AcsBit, Bar, Bdf } from './types';

export interface LspciDevice {
  bdf: Bdf;
  className: string;
  classCode?: string;
  description: string;
  vendor?: string;
  device?: string;
  /** `Express (v2) <port type>` text, when the device has a PCIe capability. */
  expressType?: string;
  bars: Bar[];
  primaryBus?: number;
  secondaryBus?: number;
  subordinateBus?: number;
  acsCap?: AcsBit[];
  acsCtl?: AcsBit[];
  sriov?: { numVfs: number; offset: number; stride: number; enabled: boolean; vfDevice?: string };
  /** Extended config space was not readable (`Capabilities: <access denied>`). */
  accessDenied: boolean;
  line: number;
}

const HEADER_RE = /^(?:([0-9a-fA-F]{4,}):)?([0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\s+(.*)$/;
const REGION_RE = /^Region (\d): (?:\[(?:enhanced|virtual)\] )?Memory at ([0-9a-fA-F]+|<unassigned>|<ignored>) \((32-bit|64-bit|low-1M|type 3), (non-)?prefetchable\)(.*)$/;
const EXPRESS_RE = /^Express (?:\(v\d+\) )?(Root Port|Upstream Port|Downstream Port|Endpoint|Legacy Endpoint|Root Complex Integrated Endpoint|Root Complex Event Collector|PCI-Express to PCI\/PCI-X Bridge|PCI\/PCI-X to PCI-Express Bridge)/;

function parseHeader(m: RegExpExecArray, line: number): LspciDevice {
  const bdf = normalizeBdf(`${m[1] ?? '0000'}:${m[2]}`) as Bdf;
  const rest = m[3];
  const cls = /^(.*?)(?: \[([0-9a-fA-F]{4})\])?: (.*)$/.exec(rest);
  const className = cls ? cls[1] : rest;
  let classCode = cls?.[2]?.toLowerCase();
  if (!classCode && cls && /^[0-9a-fA-F]{4}$/.test(cls[1])) classCode = cls[1].toLowerCase();
  let description = cls ? cls[3] : '';
  const ids = [...description.matchAll(/\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\]/g)].pop() ?? /^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})/.exec(description);
  description = description.replace(/ \(rev [0-9a-fA-F]+\)/, '').replace(/ \(prog-if .*\)$/, '');
  if (ids) description = description.replace(ids[0], '').trim();
  const d: LspciDevice = { bdf, className, description, bars: [], accessDenied: false, line };
  if (classCode) d.classCode = classCode;
  if (ids) {
    d.vendor = ids[1].toLowerCase();
    d.device = ids[2].toLowerCase();
  }
  return d;
}

function parseRegion(text: string): Bar | undefined {
  const m = REGION_RE.exec(text);
  if (!m || m[2].startsWith('<')) return undefined;
  const size = /\[size=(\w+)\]/.exec(m[5]);
  const bytes = size ? parseSize(size[1]) : undefined;
  if (bytes === undefined) return undefined;
  return { index: Number(m[1]), cpuAddress: BigInt(`0x${m[2]}`), size: bytes, is64: m[3] === '64-bit', prefetchable: m[4] === undefined };
}

/** `SrcValid+ TransBlk- ReqRedir+ ...` -> the bits marked `+`. */
export function parseAcsFlags(text: string): AcsBit[] {
  let mask = 0;
  for (const b of ACS_BITS) {
    const m = new RegExp(`\\b${b.lspciName}([+-])`).exec(text);
    if (m && m[1] === '+') mask |= b.mask;
  }
  return acsBitsFromMask(mask);
}

function parseCapDetail(d: LspciDevice, cap: string, text: string): void {
  if (cap.startsWith('Access Control Services')) {
    const m = /^(ACSCap|ACSCtl):\s*(.*)$/.exec(text);
    if (m && m[1] === 'ACSCap') d.acsCap = parseAcsFlags(m[2]);
    if (m && m[1] === 'ACSCtl') d.acsCtl = parseAcsFlags(m[2]);
  } else if (cap.startsWith('Single Root I/O Virtualization')) {
    const s = (d.sriov ??= { numVfs: 0, offset: 0, stride: 0, enabled: false });
    const num = /Number of VFs: (\d+)/.exec(text);
    if (num) s.numVfs = Number(num[1]);
    const off = /VF offset: (\d+), stride: (\d+), Device ID: ([0-9a-fA-F]{4})/.exec(text);
    if (off) Object.assign(s, { offset: Number(off[1]), stride: Number(off[2]), vfDevice: off[3].toLowerCase() });
    const ctl = /^IOVCtl:.*\bEnable([+-])/.exec(text);
    if (ctl) s.enabled = ctl[1] === '+';
  }
}

function parseBodyLine(d: LspciDevice, raw: string, cap: { name: string }): void {
  if (raw.startsWith('\t\t')) {
    parseCapDetail(d, cap.name, raw.trim());
    return;
  }
  const text = raw.trim();
  const capm = /^Capabilities: (?:\[[0-9a-fA-F]+(?: v\d+)?\] )?(.*)$/.exec(text);
  if (capm) {
    cap.name = capm[1];
    if (capm[1].includes('<access denied>')) d.accessDenied = true;
    const ex = EXPRESS_RE.exec(capm[1]);
    if (ex) d.expressType = ex[1];
    return;
  }
  cap.name = '';
  const bar = parseRegion(text);
  if (bar) d.bars.push(bar);
  const bus = /^Bus: primary=([0-9a-fA-F]{2}), secondary=([0-9a-fA-F]{2}), subordinate=([0-9a-fA-F]{2})/.exec(text);
  if (bus) [d.primaryBus, d.secondaryBus, d.subordinateBus] = [1, 2, 3].map((i) => parseInt(bus[i], 16));
}

/** Parses `lspci -vvv` (optionally -nn, -D) text into per-device records; unknown lines are ignored. */
export function parseLspciVerbose(text: string): LspciDevice[] {
  const out: LspciDevice[] = [];
  let cur: LspciDevice | undefined;
  const cap = { name: '' };
  text.split(/\r?\n/).forEach((raw, i) => {
    const h = /^\s/.test(raw) ? null : HEADER_RE.exec(raw);
    if (h) {
      cur = parseHeader(h, i + 1);
      cap.name = '';
      out.push(cur);
    } else if (cur && raw.startsWith('\t')) {
      parseBodyLine(cur, raw, cap);
    }
  });
  return out;
}

