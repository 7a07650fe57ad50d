// lspci import: `lspci -vvv` (+ optional `lspci -tv`) text -> Topology, with notes on what lspci cannot tell.

import { fromRoutingId, parseBdf, routingId, formatBdf } from './bdf';
import { buildTopology, hostBridgeIdFor, parentsFromBusRanges } from './flat-device';
import type { FlatDevice } from './flat-device';
import { parseLspciVerbose } from './lspci-parse';
import type { LspciDevice } from './lspci-parse';
import { parseLspciTree } from './lspci-tree';
import type { AcsState, DeviceType, IommuMode, Topology } from './types';

export interface LspciImportOptions {
  /** `lspci -tv` text; without it parents come from bridge bus ranges. */
  tree?: string;
  cpu?: Topology['cpu'];
  iommu?: IommuMode;
}

export interface LspciImportResult {
  topology: Topology;
  notes: string[];
  deviceCount: number;
}

const EXPRESS_TYPES: Record<string, DeviceType> = {
  'Root Port': 'root-port',
  'Upstream Port': 'switch-upstream',
  'Downstream Port': 'switch-downstream',
  Endpoint: 'endpoint',
  'Legacy Endpoint': 'endpoint',
  'Root Complex Integrated Endpoint': 'rc-integrated',
  'Root Complex Event Collector': 'rc-integrated',
  'PCI-Express to PCI/PCI-X Bridge': 'bridge',
  'PCI/PCI-X to PCI-Express Bridge': 'bridge',
};

function deviceType(d: LspciDevice, onRootBus: boolean): DeviceType {
  if (d.expressType) return EXPRESS_TYPES[d.expressType] ?? 'endpoint';
  if (d.secondaryBus !== undefined || d.classCode?.startsWith('0604') || /^PCI bridge$/i.test(d.className)) return 'bridge';
  if (onRootBus && (d.classCode === '0600' || /^Host bridge$/i.test(d.className))) return 'rc-integrated';
  return 'endpoint';
}

function acsOf(d: LspciDevice): AcsState | undefined {
  if (!d.acsCap && !d.acsCtl) return undefined;
  return d.acsCap ? { cap: true, ctrl: d.acsCtl ?? [], capBits: d.acsCap } : { cap: true, ctrl: d.acsCtl ?? [] };
}

/** SR-IOV: VF i has routing ID = PF routing ID + offset + i * stride. */
function vfLinks(devs: LspciDevice[]): Map<string, string> {
  const out = new Map<string, string>();
  const present = new Set(devs.map((d) => d.bdf));
  for (const d of devs) {
    const s = d.sriov;
    const p = parseBdf(d.bdf);
    if (!s || !p || s.numVfs === 0) continue;
    for (let i = 0; i < s.numVfs; i++) {
      const vf = formatBdf(fromRoutingId(p.segment, routingId(p) + s.offset + i * s.stride));
      if (present.has(vf)) out.set(vf, d.bdf);
    }
  }
  return out;
}

function placements(devs: LspciDevice[], tree: string | undefined, notes: string[]) {
  const flatForRanges = devs.map((d) => ({ bdf: d.bdf, secondaryBus: d.secondaryBus, subordinateBus: d.subordinateBus }) as FlatDevice);
  const byRange = parentsFromBusRanges(flatForRanges);
  const placed = new Map<string, { parent?: string; hostBridgeId?: string }>();
  if (tree !== undefined) {
    const t = parseLspciTree(tree);
    for (const p of t) placed.set(p.bdf, p.parent ? { parent: p.parent } : { hostBridgeId: hostBridgeIdFor(p.rootSegment, p.rootBus) });
    const missing = devs.filter((d) => !placed.has(d.bdf)).map((d) => d.bdf);
    if (missing.length > 0) notes.push(`not in the lspci -t tree, placed by bus numbers: ${missing.join(', ')}`);
    if (t.length === 0) notes.push('the lspci -t text contained no devices; parents derived from bridge bus numbers');
  }
  return (bdf: string) => placed.get(bdf) ?? (byRange.get(bdf) ? { parent: byRange.get(bdf) } : {});
}

function collectNotes(devs: LspciDevice[], opts: LspciImportOptions, notes: string[]): IommuMode {
  notes.push('host bridge windows are not in lspci output: bus addresses are assumed equal to CPU addresses (window offset 0); add "windows" if the platform translates');
  if (devs.some((d) => !d.vendor)) notes.push('vendor:device IDs missing (lspci was run without -nn); the host-bridge allowlist cannot be checked for those devices');
  const denied = devs.filter((d) => d.accessDenied).map((d) => d.bdf);
  if (denied.length > 0) notes.push(`extended config space not readable for ${denied.length} device(s) (${denied.slice(0, 8).join(', ')}${denied.length > 8 ? ', ...' : ''}): ACS unknown, run lspci as root`);
  notes.push('ACS control bits are the runtime values lspci read, so iommu.acsRedirect is "disabled" (the kernel\'s boot-time bits are not added again)');
  if (!opts.cpu) notes.push('CPU vendor/family are not in lspci output: cpu.vendor is "other" (set it; AMD family >= 0x17 changes P2P verdicts)');
  if (opts.iommu) return opts.iommu;
  const redirect = devs.some((d) => d.acsCtl?.includes('RR'));
  notes.push(redirect
    ? 'IOMMU mode is not in lspci output: assumed "translated" because ACS request redirect is enabled on some port'
    : 'IOMMU mode is not in lspci output: assumed "off" (no port has ACS request redirect enabled)');
  return redirect ? 'translated' : 'off';
}

/** Imports `lspci -vvv` text (and optionally `lspci -tv`) into a Topology. */
export function importLspci(verbose: string, opts: LspciImportOptions = {}): LspciImportResult {
  const devs = parseLspciVerbose(verbose);
  const notes: string[] = [];
  const place = placements(devs, opts.tree, notes);
  const vfs = vfLinks(devs);
  const flat: FlatDevice[] = devs.map((d) => {
    const where = place(d.bdf);
    const f: FlatDevice = { bdf: d.bdf, type: deviceType(d, where.parent === undefined), bars: d.bars, ...where };
    if (d.description) f.name = d.description;
    if (d.vendor) f.vendor = d.vendor;
    if (d.device) f.device = d.device;
    if (d.classCode) f.classCode = d.classCode;
    const acs = acsOf(d);
    if (acs) f.acs = acs;
    const pf = vfs.get(d.bdf);
    if (pf) f.physfn = pf;
    return f;
  });
  const mode = collectNotes(devs, opts, notes);
  const topology = buildTopology(flat, { cpu: opts.cpu ?? { vendor: 'other' }, iommu: { mode, acsRedirect: 'disabled' }, notes });
  return { topology, notes: topology.notes, deviceCount: devs.length };
}
