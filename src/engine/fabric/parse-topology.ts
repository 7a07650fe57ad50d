// Parser/validator of the `*.fabric.json` topology form: typed Topology out, errors naming the JSON path and line.

import { childPath, JsonSyntaxError, parseJsonWithPositions } from './json-source';
import { normalizeBdf, parseBdf } from './bdf';
import {
  checkKeys, describe, readArray, readBool, readEnum, readHex, readHexId, readInt, readObject, readString, ValidateContext,
} from './validate-context';
import type { Obj } from './validate-context';
import { validateStructure } from './validate-structure';
import {
  ACS_BIT_NAMES, ACS_REDIRECT_POLICIES, CPU_VENDORS, DEVICE_TYPES, GUEST_ARCHES, HYPERVISORS, IOMMU_MODES,
} from './types';
import type { AcsBit, AcsState, Bar, GuestConfig, HostBridge, PciNode, SourcePos, Topology, TopologyIssue, Window } from './types';

export interface ParseResult {
  /** Present when there are no errors. */
  topology?: Topology;
  errors: TopologyIssue[];
  warnings: TopologyIssue[];
}

/** `path: message (line N, column M)`, the form the CLI and tests print. */
export function formatIssue(i: TopologyIssue): string {
  const where = i.line !== undefined ? ` (line ${i.line}, column ${i.column ?? 1})` : '';
  return `${i.path || '<document>'}: ${i.message}${where}`;
}

/** Parses and validates topology JSON text; errors carry JSON path and line. */
export function parseTopologyText(text: string): ParseResult {
  let src: { value: unknown; positions: Map<string, SourcePos> };
  try {
    src = parseJsonWithPositions(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      return { errors: [{ path: '', message: `invalid JSON: ${e.message}`, line: e.line, column: e.column }], warnings: [] };
    }
    throw e;
  }
  return validateTopology(src.value, src.positions);
}

/** Validates an already-parsed JSON value (positions, when given, add line numbers to the issues). */
export function validateTopology(value: unknown, positions?: Map<string, SourcePos>): ParseResult {
  const ctx = new ValidateContext(positions);
  const topology = readTopology(ctx, value);
  if (topology && ctx.errors.length === 0) validateStructure(ctx, topology);
  return ctx.errors.length === 0 && topology
    ? { topology, errors: [], warnings: ctx.warnings }
    : { errors: ctx.errors, warnings: ctx.warnings };
}

function readTopology(ctx: ValidateContext, value: unknown): Topology | undefined {
  const o = readObject(ctx, value, '');
  if (!o) return undefined;
  checkKeys(ctx, o, '', ['$schema', 'name', 'description', 'notes', 'cpu', 'iommu', 'hostBridges', 'guest']);
  const cpu = readCpu(ctx, o);
  const iommu = readIommu(ctx, o);
  const bridges = (readArray(ctx, o, 'hostBridges', '', true) ?? []).map((b, i) => readHostBridge(ctx, b, childPath('hostBridges', i)));
  const notes = (readArray(ctx, o, 'notes', '', false) ?? []).filter((n): n is string => typeof n === 'string');
  if (!cpu || !iommu || bridges.some((b) => b === undefined)) return undefined;
  const t: Topology = { cpu, iommu, hostBridges: bridges as HostBridge[], notes };
  const name = readString(ctx, o, 'name', '', false);
  const description = readString(ctx, o, 'description', '', false);
  if (name !== undefined) t.name = name;
  if (description !== undefined) t.description = description;
  if (o.guest !== undefined) {
    const guest = readGuest(ctx, o.guest);
    if (!guest) return undefined;
    t.guest = guest;
  }
  return t;
}

function readGuest(ctx: ValidateContext, v: unknown): GuestConfig | undefined {
  const o = readObject(ctx, v, 'guest');
  if (!o) return undefined;
  checkKeys(ctx, o, 'guest', ['arch', 'hypervisor', 'assigned', 'comment']);
  const arch = readEnum(ctx, o, 'arch', 'guest', GUEST_ARCHES);
  const hypervisor = readEnum(ctx, o, 'hypervisor', 'guest', HYPERVISORS, 'kvm');
  const list = readArray(ctx, o, 'assigned', 'guest', false);
  const assigned: string[] = [];
  (list ?? []).forEach((b, i) => {
    const bdf = typeof b === 'string' ? normalizeBdf(b) : undefined;
    if (bdf) assigned.push(bdf);
    else ctx.error(childPath(childPath('guest', 'assigned'), i), `expected a BDF (dddd:bb:dd.f), got ${describe(b)}`);
  });
  if (!arch || !hypervisor || (list && assigned.length !== list.length)) return undefined;
  return list ? { arch, hypervisor, assigned } : { arch, hypervisor };
}

function readCpu(ctx: ValidateContext, root: Obj): Topology['cpu'] | undefined {
  if (!('cpu' in root)) {
    ctx.error('cpu', 'missing required property (an object {"vendor": ..., "family": ...})');
    return undefined;
  }
  const o = readObject(ctx, root.cpu, 'cpu');
  if (!o) return undefined;
  checkKeys(ctx, o, 'cpu', ['vendor', 'family', 'model']);
  const vendor = readEnum(ctx, o, 'vendor', 'cpu', CPU_VENDORS);
  const family = o.family === undefined ? undefined : readInt(ctx, o, 'family', 'cpu', 0xffff);
  if (!vendor || (o.family !== undefined && family === undefined)) return undefined;
  return family === undefined ? { vendor } : { vendor, family };
}

function readIommu(ctx: ValidateContext, root: Obj): Topology['iommu'] | undefined {
  if (!('iommu' in root)) {
    ctx.error('iommu', 'missing required property (an object {"mode": ..., "acsRedirect": ...})');
    return undefined;
  }
  const o = readObject(ctx, root.iommu, 'iommu');
  if (!o) return undefined;
  checkKeys(ctx, o, 'iommu', ['mode', 'acsRedirect']);
  const mode = readEnum(ctx, o, 'mode', 'iommu', IOMMU_MODES);
  const acsRedirect = readEnum(ctx, o, 'acsRedirect', 'iommu', ACS_REDIRECT_POLICIES, 'kernel-default');
  return mode && acsRedirect ? { mode, acsRedirect } : undefined;
}

function readHostBridge(ctx: ValidateContext, v: unknown, path: string): HostBridge | undefined {
  const o = readObject(ctx, v, path);
  if (!o) return undefined;
  checkKeys(ctx, o, path, ['id', 'segment', 'rootBus', 'rootDevice', 'windows', 'devices']);
  const id = readString(ctx, o, 'id', path, true);
  const segment = readInt(ctx, o, 'segment', path, 0xffff, 0);
  const rootBus = readInt(ctx, o, 'rootBus', path, 0xff, 0);
  const rootDevice = o.rootDevice === undefined ? undefined : readVendorDevice(ctx, o.rootDevice, childPath(path, 'rootDevice'));
  const windows = (readArray(ctx, o, 'windows', path, false) ?? []).map((w, i) => readWindow(ctx, w, childPath(childPath(path, 'windows'), i)));
  const devices = (readArray(ctx, o, 'devices', path, true) ?? []).map((d, i) =>
    readDevice(ctx, d, childPath(childPath(path, 'devices'), i), segment ?? 0));
  if (id === undefined || segment === undefined || rootBus === undefined) return undefined;
  if (windows.some((w) => !w) || devices.some((d) => !d)) return undefined;
  const hb: HostBridge = { id, segment, rootBus, windows: windows as Window[], devices: devices as PciNode[] };
  if (rootDevice) hb.rootDevice = rootDevice;
  return hb;
}

function readVendorDevice(ctx: ValidateContext, v: unknown, path: string): { vendor: string; device: string } | undefined {
  const o = readObject(ctx, v, path);
  if (!o) return undefined;
  checkKeys(ctx, o, path, ['vendor', 'device', 'name']);
  const vendor = readHexId(ctx, o, 'vendor', path, true);
  const device = readHexId(ctx, o, 'device', path, true);
  return vendor && device ? { vendor, device } : undefined;
}

function readWindow(ctx: ValidateContext, v: unknown, path: string): Window | undefined {
  const o = readObject(ctx, v, path);
  if (!o) return undefined;
  checkKeys(ctx, o, path, ['cpuStart', 'busStart', 'size']);
  const cpuStart = readHex(ctx, o, 'cpuStart', path);
  const busStart = readHex(ctx, o, 'busStart', path);
  const size = readHex(ctx, o, 'size', path);
  if (size === 0n) ctx.error(childPath(path, 'size'), 'window size must be non-zero');
  return cpuStart !== undefined && busStart !== undefined && size !== undefined ? { cpuStart, busStart, size } : undefined;
}

const DEVICE_KEYS = ['bdf', 'type', 'name', 'vendor', 'device', 'classCode', 'acs', 'bars', 'children', 'functions', 'physfn'];

function readDevice(ctx: ValidateContext, v: unknown, path: string, segment: number): PciNode | undefined {
  const o = readObject(ctx, v, path);
  if (!o) return undefined;
  checkKeys(ctx, o, path, DEVICE_KEYS);
  const bdf = readBdfField(ctx, o, 'bdf', path, segment, true);
  const type = readEnum(ctx, o, 'type', path, DEVICE_TYPES);
  const acs = o.acs === undefined ? undefined : readAcs(ctx, o.acs, childPath(path, 'acs'));
  const bars = (readArray(ctx, o, 'bars', path, false) ?? []).map((b, i) => readBar(ctx, b, childPath(childPath(path, 'bars'), i)));
  const kids = (key: string) => (readArray(ctx, o, key, path, false) ?? []).map((c, i) => readDevice(ctx, c, childPath(childPath(path, key), i), segment));
  const children = kids('children');
  const functions = kids('functions');
  const physfn = readBdfField(ctx, o, 'physfn', path, segment, false);
  const ok = bdf && type && (o.acs === undefined || acs) && !bars.some((b) => !b) && !children.some((c) => !c) && !functions.some((f) => !f);
  if (!ok) return undefined;
  const node: PciNode = { bdf, type, bars: bars as Bar[], children: children as PciNode[], functions: functions as PciNode[], jsonPath: path };
  if (acs) node.acs = acs;
  if (physfn) node.physfn = physfn;
  for (const key of ['name', 'classCode'] as const) {
    const s = readString(ctx, o, key, path, false);
    if (s !== undefined) node[key] = s;
  }
  for (const key of ['vendor', 'device'] as const) {
    const s = readHexId(ctx, o, key, path, false);
    if (s !== undefined) node[key] = s;
  }
  return node;
}

function readBdfField(ctx: ValidateContext, o: Obj, key: string, path: string, segment: number, required: boolean): string | undefined {
  const s = readString(ctx, o, key, path, required);
  if (s === undefined) return undefined;
  const bdf = normalizeBdf(s, segment);
  if (!bdf) {
    ctx.error(childPath(path, key), `expected a BDF such as "0000:03:00.0", got ${describe(s)}`);
    return undefined;
  }
  if (parseBdf(bdf)?.segment !== segment) {
    ctx.error(childPath(path, key), `BDF ${bdf} is not in the host bridge's segment ${segment.toString(16).padStart(4, '0')}`);
  }
  return bdf;
}

function readAcsBits(ctx: ValidateContext, o: Obj, key: string, path: string): AcsBit[] | undefined {
  const arr = readArray(ctx, o, key, path, false);
  if (!arr) return undefined;
  const out: AcsBit[] = [];
  arr.forEach((b, i) => {
    if (typeof b === 'string' && (ACS_BIT_NAMES as readonly string[]).includes(b)) out.push(b as AcsBit);
    else ctx.error(childPath(childPath(path, key), i), `expected an ACS bit (${ACS_BIT_NAMES.join(', ')}), got ${describe(b)}`);
  });
  return out;
}

function readAcs(ctx: ValidateContext, v: unknown, path: string): AcsState | undefined {
  const o = readObject(ctx, v, path);
  if (!o) return undefined;
  checkKeys(ctx, o, path, ['cap', 'ctrl', 'capBits']);
  const cap = readBool(ctx, o, 'cap', path);
  const ctrl = readAcsBits(ctx, o, 'ctrl', path) ?? [];
  const capBits = readAcsBits(ctx, o, 'capBits', path);
  if (cap === undefined) return undefined;
  if (!cap && ctrl.length > 0) ctx.warn(childPath(path, 'ctrl'), 'ctrl bits without an ACS capability are ignored (the kernel only reads them when dev->acs_cap is set)');
  return capBits ? { cap, ctrl, capBits } : { cap, ctrl };
}

function readBar(ctx: ValidateContext, v: unknown, path: string): Bar | undefined {
  const o = readObject(ctx, v, path);
  if (!o) return undefined;
  checkKeys(ctx, o, path, ['index', 'cpuAddress', 'size', 'is64', 'prefetchable']);
  const index = readInt(ctx, o, 'index', path, 5);
  const cpuAddress = readHex(ctx, o, 'cpuAddress', path);
  const size = readHex(ctx, o, 'size', path);
  const is64 = readBool(ctx, o, 'is64', path, false);
  const prefetchable = readBool(ctx, o, 'prefetchable', path, false);
  if (size === 0n) ctx.error(childPath(path, 'size'), 'BAR size must be non-zero');
  if (index === undefined || cpuAddress === undefined || size === undefined || is64 === undefined || prefetchable === undefined) return undefined;
  return { index, cpuAddress, size, is64, prefetchable };
}
