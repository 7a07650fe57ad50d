// `topo capture`: reads /sys/bus/pci/devices (and config space where readable) into the topology form.

import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildTopology, normalizeBdf, parseConfigSpace, PCIE_TYPES } from '../engine/fabric';
import type { AcsState, Bar, DeviceType, FlatDevice, IommuMode, Topology } from '../engine/fabric';

export interface CaptureOptions {
  sysfsRoot?: string;
  procRoot?: string;
}

export interface CaptureResult {
  topology: Topology;
  /** What could not be read, one line each. */
  problems: string[];
}

const IORESOURCE_MEM = 0x200;
const IORESOURCE_PREFETCH = 0x2000;
const IORESOURCE_MEM_64 = 0x100000;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The `resource` file: one `start end flags` line per resource; lines 0-5 are the BARs. */
export function parseResourceFile(text: string): Bar[] {
  const bars: Bar[] = [];
  text.split('\n').slice(0, 6).forEach((line, index) => {
    const [s, e, f] = line.trim().split(/\s+/).map((x) => BigInt(x));
    if (s === undefined || e === undefined || f === undefined) return;
    const flags = Number(f);
    if (!(flags & IORESOURCE_MEM) || s === 0n || e < s) return;
    bars.push({ index, cpuAddress: s, size: e - s + 1n, is64: (flags & IORESOURCE_MEM_64) !== 0, prefetchable: (flags & IORESOURCE_PREFETCH) !== 0 });
  });
  return bars;
}

function classType(classCode: string | undefined, onRootBus: boolean): DeviceType {
  if (classCode?.startsWith('0604')) return 'bridge';
  if (onRootBus && classCode === '0600') return 'rc-integrated';
  return 'endpoint';
}

function readDevice(devDir: string, name: string, problems: string[]): FlatDevice | undefined {
  const bdf = normalizeBdf(name);
  if (!bdf) return undefined;
  const real = realpathSync(devDir);
  const parentName = basename(dirname(real));
  const parent = normalizeBdf(parentName);
  const cls = readText(join(devDir, 'class'));
  const classCode = cls ? cls.replace(/^0x/, '').slice(0, 4) : undefined;
  const d: FlatDevice = { bdf, type: 'endpoint', bars: [] };
  if (parent) d.parent = parent;
  else if (/^pci[0-9a-f]{4}:[0-9a-f]{2}$/.test(parentName)) d.hostBridgeId = parentName;
  if (classCode) d.classCode = classCode;
  for (const k of ['vendor', 'device'] as const) {
    const v = readText(join(devDir, k));
    if (v) d[k] = v.replace(/^0x/, '').padStart(4, '0');
    else problems.push(`${bdf}: cannot read ${k}`);
  }
  const res = readText(join(devDir, 'resource'));
  if (res !== undefined) d.bars = parseResourceFile(res);
  else problems.push(`${bdf}: cannot read resource (BARs unknown)`);
  if (existsSync(join(devDir, 'physfn'))) {
    const pf = normalizeBdf(basename(readlinkSync(join(devDir, 'physfn'))));
    if (pf) d.physfn = pf;
  }
  applyConfig(d, devDir, problems, !d.parent);
  return d;
}

function applyConfig(d: FlatDevice, devDir: string, problems: string[], onRootBus: boolean): void {
  let bytes: Uint8Array | undefined;
  try {
    bytes = new Uint8Array(readFileSync(join(devDir, 'config')));
  } catch {
    problems.push(`${d.bdf}: cannot read config space (device type from class code, ACS unknown)`);
  }
  const info = bytes ? parseConfigSpace(bytes) : undefined;
  d.type = info?.pcieType !== undefined ? PCIE_TYPES[info.pcieType] ?? 'endpoint' : classType(d.classCode, onRootBus);
  if (info?.headerType === 1 && d.type === 'endpoint') d.type = 'bridge';
  if (bytes && bytes.length < 0x100) {
    problems.push(`${d.bdf}: only ${bytes.length} bytes of config space readable (the PCIe port type and ACS need root; type guessed from the class code)`);
  }
  if (info?.acs) {
    const acs: AcsState = { cap: true, ctrl: info.acs.ctrl, capBits: info.acs.capBits };
    d.acs = acs;
  }
}

function iommuMode(sysfs: string, devDirs: string[], problems: string[]): IommuMode {
  let units: string[] = [];
  try {
    units = readdirSync(join(sysfs, 'class', 'iommu'));
  } catch {
    problems.push('cannot list /sys/class/iommu: IOMMU assumed off');
  }
  if (units.length === 0) return 'off';
  const types = devDirs.map((d) => readText(join(d, 'iommu_group', 'type'))).filter((t): t is string => t !== undefined);
  if (types.length === 0) {
    problems.push('IOMMU present but no iommu_group/type readable: assumed translated');
    return 'translated';
  }
  return types.every((t) => t === 'identity') ? 'passthrough' : 'translated';
}

function cpuInfo(proc: string, problems: string[]): Topology['cpu'] {
  const text = readText(join(proc, 'cpuinfo'));
  if (!text) {
    problems.push('cannot read /proc/cpuinfo: CPU vendor unknown');
    return { vendor: 'other' };
  }
  const field = (k: string) => new RegExp(`^${k}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim();
  const vendorId = field('vendor_id');
  const family = field('cpu family');
  const fam = family !== undefined && /^\d+$/.test(family) ? { family: Number(family) } : {};
  if (vendorId === 'AuthenticAMD' || vendorId === 'HygonGenuine') return { vendor: 'amd', ...fam };
  if (vendorId === 'GenuineIntel') return { vendor: 'intel', ...fam };
  if (field('CPU implementer')) return { vendor: 'arm' };
  if (/POWER/i.test(field('cpu') ?? '')) return { vendor: 'ibm' };
  return { vendor: 'other', ...fam };
}

/** Captures the running machine's PCI topology from sysfs. */
export function captureSysfs(opts: CaptureOptions = {}): CaptureResult {
  const sysfs = opts.sysfsRoot ?? '/sys';
  const proc = opts.procRoot ?? '/proc';
  const problems: string[] = [];
  const devicesDir = join(sysfs, 'bus', 'pci', 'devices');
  let names: string[] = [];
  try {
    names = readdirSync(devicesDir).sort();
  } catch (e) {
    problems.push(`cannot list ${devicesDir}: ${(e as Error).message}`);
  }
  const devs = names.map((n) => readDevice(join(devicesDir, n), n, problems)).filter((d): d is FlatDevice => d !== undefined);
  const mode = iommuMode(sysfs, names.map((n) => join(devicesDir, n)), problems);
  const cpu = cpuInfo(proc, problems);
  const notes = [
    `captured from ${devicesDir}`,
    'host bridge windows are not exported in sysfs: bus addresses are assumed equal to CPU addresses (window offset 0)',
    'ACS control bits are the runtime register values, so iommu.acsRedirect is "disabled" (the boot-time bits are not added again)',
    ...problems,
  ];
  const topology = buildTopology(devs, { cpu, iommu: { mode, acsRedirect: 'disabled' }, notes });
  return { topology, problems };
}
