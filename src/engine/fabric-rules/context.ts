// What the fabric rules share: the project's drivers and the topology devices they drive, callers of functions,
// value provenance that follows parameters back to callers, and which parameters reach an MMIO register.
import type { Event, FileFacts, FunctionFacts, Origin, PExpr, Span } from '../../analysis/facts';
import type { FabricFacts, PciDriverDecl, PciId } from '../../analysis/fabric-facts';
import { idValue } from '../../analysis/fabric-facts';
import type { Ctx, ProjectIndex } from '../../analysis/project-index';
import type { IndexedNode, TopologyIndex } from '../fabric/topology-index';
import { indexTopology } from '../fabric/topology-index';
import type { Topology } from '../fabric/types';
import type { ProjectRuleContext } from '../rules/rule';
import type { DeviceMap } from './device-map';

export type BarOrigin = Origin & { kind: 'bar-address' };

export interface DriverInfo { decl: PciDriverDecl; file: string; ids: PciId[] }

/** Calls that pass an address through unchanged (or split it into halves, or swap its bytes). */
const TRANSPARENT = /^(lower_32_bits|upper_32_bits|cpu_to_le(16|32|64)|cpu_to_be(16|32|64)|le(16|32|64)_to_cpu|__cpu_to_le(32|64)|PFN_DOWN|PHYS_PFN|ALIGN|ALIGN_DOWN|round_down|round_up)$/;

const MAX_CALLER_DEPTH = 3;
const MAX_CALLERS = 12;

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

/** Built once per check run and shared by the fabric rules (cached on the rule context object). */
export class FabricContext {
  readonly topo?: TopologyIndex;
  readonly drivers: DriverInfo[] = [];
  readonly files: FileFacts[];
  private callers?: Map<string, FunctionFacts[]>;
  private readonly paramSinkMemo = new Map<string, boolean>();
  private readonly devicesMemo = new Map<string, IndexedNode[]>();

  constructor(readonly index: ProjectIndex, topology: Topology | undefined, readonly deviceMap: DeviceMap | undefined) {
    this.topo = topology ? indexTopology(topology) : undefined;
    this.files = [...index.allFiles()];
    const tables = new Map<string, PciId[]>();
    let named: MacroTables | undefined; // every file's defines and macros, gathered only when an id entry needs them
    for (const f of this.files) {
      for (const t of f.fabric?.idTables ?? []) {
        const ids = t.ids.map((id) => (id.vendor ? id : expandEntry(id, (named ??= macroTables(this.files)))));
        tables.set(t.name, [...(tables.get(t.name) ?? []), ...ids]);
      }
    }
    for (const f of this.files) {
      for (const d of f.fabric?.drivers ?? []) this.drivers.push({ decl: d, file: f.path, ids: d.idTable ? tables.get(d.idTable) ?? [] : [] });
    }
  }

  /** Functions by the names they call, over every analysed file: built on the first question (most runs ask none). */
  private callersByName(): Map<string, FunctionFacts[]> {
    if (this.callers) return this.callers;
    const callers = new Map<string, FunctionFacts[]>();
    for (const f of this.files) {
      for (const fn of f.functions) {
        for (const c of fn.calls ?? []) {
          const list = callers.get(c) ?? [];
          list.push(fn);
          callers.set(c, list);
        }
      }
    }
    this.callers = callers;
    return callers;
  }

  fabricOf(file: string): FabricFacts | undefined { return this.index.get(file)?.fabric; }

  /** Functions (not macros) of the requested files. */
  *functions(paths: readonly string[]): Generator<FunctionFacts> {
    for (const p of paths) for (const fn of this.index.get(p)?.functions ?? []) if (!fn.isMacro) yield fn;
  }

  events(fn: FunctionFacts): Event[] {
    return this.index.bodyOf(fn).cfg.nodes.map((n) => n.event).filter((e): e is Event => e !== undefined);
  }

  /**
   * Events of a function scanned for the fabric rules' inputs. A function kept as text (no I/O vocabulary) is only
   * extracted when its text can hold such an input: a BAR-address member, a resource table, a DMA-engine call.
   */
  scanEvents(fn: FunctionFacts): Event[] {
    if (!fn.body && !this.index.mentionsBarAddress(fn) && !FABRIC_TEXT.test(fn.source?.text ?? '')) return [];
    return this.events(fn);
  }

  callersOf(fn: FunctionFacts): FunctionFacts[] {
    return (this.callersByName().get(fn.name) ?? []).filter((c) => c !== fn && this.index.lookupFunction(fn.name, c.file) === fn);
  }

  /** fn and every function that calls it, transitively (within the analysed files). */
  callerClosure(fn: FunctionFacts, depth = 5): Set<FunctionFacts> {
    const seen = new Set<FunctionFacts>([fn]);
    let frontier = [fn];
    for (let d = 0; d < depth && frontier.length; d++) {
      const next: FunctionFacts[] = [];
      for (const f of frontier) for (const c of this.callersOf(f)) if (!seen.has(c)) { seen.add(c); next.push(c); }
      frontier = next;
    }
    return seen;
  }

  /** The pci_driver(s) a file belongs to: same directory, then the nearest parent directory, then the project's only one. */
  driversOf(file: string): DriverInfo[] {
    for (let dir = dirOf(file); ; dir = dirOf(dir)) {
      const here = this.drivers.filter((d) => dirOf(d.file) === dir);
      if (here.length) return here;
      if (dir === '.' || dir === '/' || dir === '' || dirOf(dir) === dir) break;
    }
    return this.drivers.length === 1 ? this.drivers : [];
  }

  /**
   * The topology devices a file's driver drives: the device map by driver name or vendor:device first; without an
   * entry, the topology endpoints whose vendor:device appear in the driver's pci_device_id table.
   */
  devicesOf(file: string): IndexedNode[] {
    const topo = this.topo;
    if (!topo) return [];
    const key = dirOf(file);
    const hit = this.devicesMemo.get(key);
    if (hit) return hit;
    const bdfs = new Set<string>();
    const drivers = this.driversOf(file);
    const map = this.deviceMap ?? {};
    for (const d of drivers) {
      for (const b of map[d.decl.name ?? ''] ?? []) bdfs.add(b);
      for (const id of d.ids) if (id.vendor && id.device) for (const b of map[`${id.vendor}:${id.device}`] ?? []) bdfs.add(b);
    }
    if (bdfs.size === 0) {
      for (const [bdf, n] of topo.byBdf) {
        const { vendor, device, type } = n.node;
        if (type !== 'endpoint' && type !== 'rc-integrated') continue;
        if (drivers.some((d) => d.ids.some((id) => idMatches(id, vendor, device)))) bdfs.add(bdf);
      }
    }
    const out = [...bdfs].map((b) => topo.byBdf.get(b)).filter((n): n is IndexedNode => n !== undefined);
    this.devicesMemo.set(key, out);
    return out;
  }

  /** Endpoints of the topology other than `self` (candidate P2P peers). */
  peersOf(self: IndexedNode): IndexedNode[] {
    if (!this.topo) return [];
    return [...this.topo.byBdf.values()].filter((n) => n !== self && (n.node.type === 'endpoint' || n.node.type === 'rc-integrated'));
  }

  // ---- value provenance ----------------------------------------------------------------------------------------

  /** Origins of a value: the project index's resolution plus parameters followed to callers, `res->start`, and
   *  transparent calls (lower_32_bits(), cpu_to_le64(), ...). */
  resolveValue(e: PExpr | undefined, fn: FunctionFacts, depth = 0, seen = new Set<string>()): Origin[] {
    if (!e || depth > MAX_CALLER_DEPTH + 3) return [];
    let out = this.index.resolve(e, { fn, depth: 0 } as Ctx);
    // `res->start` of a `struct resource *`: the index's typed member reads join every `resource.start` written
    // anywhere in the project (e.g. a PCI driver filling a child platform device's resource); only a resource this
    // function got from a device (extra() below) says which bus the address belongs to.
    if (this.readsResourceField(e, fn, 0)) out = out.filter((o) => o.kind !== 'bar-address');
    out.push(...this.extra(e, fn, depth, seen));
    return dedupe(out);
  }

  private readsResourceField(e: PExpr, fn: FunctionFacts, depth: number): boolean {
    if (depth > 4) return false;
    switch (e.k) {
      case 'cast': return this.readsResourceField(e.inner, fn, depth);
      case 'union': return e.parts.some((p) => this.readsResourceField(p, fn, depth));
      case 'call': return TRANSPARENT.test(e.fn) && !!e.args[0] && this.readsResourceField(e.args[0], fn, depth);
      case 'member': return (e.field === 'start' || e.field === 'end') && this.index.typeOf(e.base, { fn, depth: 0 } as Ctx) === 'resource';
      case 'var': return (this.index.bodyOf(fn).locals[e.name]?.values ?? []).some((v) => this.readsResourceField(v, fn, depth + 1));
      default: return false;
    }
  }

  /** Like resolveValue, but a parameter stays unknown (for sinks reported where the value is known locally). */
  resolveLocal(e: PExpr | undefined, fn: FunctionFacts): Origin[] {
    return this.resolveValue(e, fn, MAX_CALLER_DEPTH);
  }

  private extra(e: PExpr, fn: FunctionFacts, depth: number, seen: Set<string>): Origin[] {
    switch (e.k) {
      case 'cast': return this.extra(e.inner, fn, depth, seen);
      case 'union': return e.parts.flatMap((p) => this.extra(p, fn, depth, seen));
      case 'call': return TRANSPARENT.test(e.fn) && e.args[0] ? this.resolveValue(e.args[0], fn, depth + 1, seen) : [];
      case 'member': {
        if (e.field !== 'start' && e.field !== 'end') return [];
        const res = this.resolveValue(e.base, fn, depth + 1, seen).filter((o) => o.kind === 'device-resource');
        return res.map((r) => ({ kind: 'bar-address', api: `${r.api}->${e.field}`, bus: r.bus, file: r.file, span: r.span, base: r.base }) as Origin);
      }
      case 'var': {
        const key = `${fn.file}:${fn.name}:${e.name}`;
        if (seen.has(key)) return [];
        seen.add(key);
        const pi = fn.params.findIndex((p) => p.name === e.name);
        const local = this.index.bodyOf(fn).locals[e.name];
        if (local && local.values.length) return local.values.flatMap((v) => this.extra(v, fn, depth + 1, seen));
        if (pi < 0 || depth >= MAX_CALLER_DEPTH) return [];
        const callers = this.callersOf(fn).slice(0, MAX_CALLERS);
        const out: Origin[] = [];
        for (const c of callers) {
          for (const ev of this.events(c)) {
            if (ev.kind === 'call' && ev.callee === fn.name && ev.args[pi]) out.push(...this.resolveValue(ev.args[pi], c, depth + 1, seen));
          }
        }
        return out;
      }
      default: return [];
    }
  }

  /**
   * True when a local variable on the value's way was assigned both a device-resource address and something else
   * (`base = pci_resource_start(...)` ... `base = ioread64(...)`): provenance is flow-insensitive, so which
   * assignment reaches the use is unknown and the finding would be a guess.
   */
  ambiguous(e: PExpr | undefined, fn: FunctionFacts, depth = 0): boolean {
    if (!e || depth > 4) return false;
    switch (e.k) {
      case 'cast': return this.ambiguous(e.inner, fn, depth);
      case 'union': return e.parts.some((p) => this.ambiguous(p, fn, depth));
      case 'call': return TRANSPARENT.test(e.fn) && this.ambiguous(e.args[0], fn, depth);
      case 'var': {
        const values = this.index.bodyOf(fn).locals[e.name]?.values ?? [];
        if (values.length < 2) return values.some((v) => this.ambiguous(v, fn, depth + 1));
        const known = values.map((v) => this.resolveLocal(v, fn).some((o) => o.kind === 'bar-address'));
        if (known.some((k) => k) && known.some((k) => !k)) return true;
        return values.some((v) => this.ambiguous(v, fn, depth + 1));
      }
      default: return false;
    }
  }

  /** A PCI BAR's CPU address among the origins (platform resources and values also derived from pci_bus_address excluded). */
  pciBarOrigin(origins: Origin[]): BarOrigin | undefined {
    if (origins.some((o) => o.kind === 'bus-address')) return undefined;
    return origins.find((o): o is BarOrigin => o.kind === 'bar-address' && this.busOf(o) === 'pci' && !this.fillsResource(o));
  }

  /** The origin fills a struct resource (a child device's), see FabricFacts.resourceFills. */
  private fillsResource(o: BarOrigin): boolean {
    const at = o.span.start;
    return (this.fabricOf(o.file)?.resourceFills ?? []).some((s) => s.start.line === at.line && s.start.character === at.character);
  }

  /** `pdev->resource[i].start` is also how platform drivers read their resources: decide by the device's declared type. */
  busOf(o: BarOrigin): 'pci' | 'platform' {
    if (o.bus === 'platform') return 'platform';
    const base = o.base?.trim() ?? '';
    if (/platform|plat_dev|\bpdev->dev\b|of_node/.test(base)) return 'platform';
    const fn = this.index.get(o.file)?.functions.find((f) => within(o.span, f.span));
    const id = /^[A-Za-z_]\w*$/.test(base) ? base : undefined;
    if (fn && id) {
      const type = fn.params.find((p) => p.name === id)?.type ?? this.index.bodyOf(fn).locals[id]?.type;
      if (type && /platform_device|amba_device/.test(type)) return 'platform';
    }
    return 'pci';
  }

  /** Does parameter `i` of `fn` end up as the value of an MMIO write (directly or through helpers and macros)? */
  paramReachesMmio(fn: FunctionFacts, i: number, depth = 0): boolean {
    const key = `${fn.file}:${fn.name}:${i}`;
    const hit = this.paramSinkMemo.get(key);
    if (hit !== undefined) return hit;
    this.paramSinkMemo.set(key, false);
    const name = fn.params[i]?.name;
    let found = false;
    if (name && depth < 4) {
      for (const ev of this.events(fn)) {
        if (ev.kind === 'access' && ev.dir === 'write' && mentions(ev.value, name)) { found = true; break; }
        if (ev.kind === 'call') {
          const callee = this.index.lookupFunction(ev.callee, fn.file);
          if (!callee || callee === fn) continue;
          const j = ev.args.findIndex((a) => mentions(a, name));
          if (j >= 0 && this.paramReachesMmio(callee, j, depth + 1)) { found = true; break; }
        }
      }
    }
    this.paramSinkMemo.set(key, found);
    return found;
  }
}

/** Does a value expression carry variable `name` (through arithmetic, casts, transparent calls)? */
export function mentions(e: PExpr | undefined, name: string): boolean {
  if (!e) return false;
  switch (e.k) {
    case 'var': return e.name === name;
    case 'cast': return mentions(e.inner, name);
    case 'union': return e.parts.some((p) => mentions(p, name));
    case 'call': return TRANSPARENT.test(e.fn) && mentions(e.args[0], name);
    default: return false;
  }
}

export function idMatches(id: PciId, vendor?: string, device?: string): boolean {
  if (!vendor || !id.vendor || id.vendor === '*') return false;
  if (id.vendor !== vendor.toLowerCase()) return false;
  return id.device === '*' || (device !== undefined && id.device === device.toLowerCase());
}

function within(inner: Span, outer: Span): boolean {
  const a = inner.start.line, b = outer.start.line, c = outer.end.line;
  return a >= b && a <= c;
}

function dedupe(os: Origin[]): Origin[] {
  const seen = new Set<string>();
  return os.filter((o) => {
    const k = `${o.kind}:${o.api}:${o.file}:${o.span.start.line}:${o.span.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const CACHE = new WeakMap<ProjectRuleContext, FabricContext>();
/** One FabricContext per check run, shared by the six fabric rules. */
const RUN_CACHE = new WeakMap<ProjectIndex, { key: unknown[]; ctx: FabricContext }>();

/** Text that may carry a fabric rule's input in a function without I/O vocabulary. */
const FABRIC_TEXT = /resource\s*\[|->\s*start\b|dmaengine_prep_|dma_map_resource|pci_p2p|pci_bus_address|pci_resource_/;

export function fabricContext(ctx: ProjectRuleContext): FabricContext {
  const hit = CACHE.get(ctx);
  if (hit) return hit;
  const prev = RUN_CACHE.get(ctx.index);
  const key = [ctx.topology, ctx.deviceMap, ctx.paths];
  if (prev && prev.key.every((k, i) => k === key[i])) { CACHE.set(ctx, prev.ctx); return prev.ctx; }
  const fc = new FabricContext(ctx.index, ctx.topology, ctx.deviceMap);
  RUN_CACHE.set(ctx.index, { key, ctx: fc });
  CACHE.set(ctx, fc);
  return fc;
}

export function lineOfSpan(s: Span): number {
  return s.start.line + 1;
}

export function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

/** The analysed files' function-like macros by name, and their object-like defines (a later file's wins). */
interface MacroTables { macros: Map<string, { params: string[]; body: string }>; define: (name: string) => Record<string, string> }

/**
 * Macros merged once; a define looked up by name, from the last file defining it (what merging every file's defines
 * into one object would give, without copying the millions of register defines of a whole tree).
 */
function macroTables(files: readonly FileFacts[]): MacroTables {
  const macros = new Map<string, { params: string[]; body: string }>();
  for (const f of files) for (const m of Object.values(f.macros)) macros.set(m.name, m);
  const found = new Map<string, Record<string, string>>();
  const define = (name: string) => {
    let hit = found.get(name);
    if (!hit) {
      hit = {};
      for (let i = files.length - 1; i >= 0; i--) {
        const defines = files[i].fabric?.defines;
        if (defines && Object.hasOwn(defines, name)) { hit = { [name]: defines[name] }; break; }
      }
      found.set(name, hit);
    }
    return hit;
  };
  return { macros, define };
}

/** `ENA_PCI_ID_TABLE_ENTRY(PCI_DEV_ID_ENA_PF)` with `#define ENA_PCI_ID_TABLE_ENTRY(devid) {PCI_DEVICE(PCI_VENDOR_ID_AMAZON, devid)},`. */
function expandEntry(id: PciId, { macros, define }: MacroTables): PciId {
  const m = /^(\w+)\s*\((.*)\)$/.exec(id.text);
  const macro = m ? macros.get(m[1]) : undefined;
  if (!m || !macro) return id;
  const args = m[2].split(',').map((a) => a.trim());
  let body = macro.body;
  macro.params.forEach((p, i) => { body = body.replace(new RegExp(`\\b${p}\\b`, 'g'), args[i] ?? ''); });
  const d = /PCI_(?:V?DEVICE)\s*\(\s*(\w+)\s*,\s*(\w+)\s*\)/.exec(body);
  if (!d) return id;
  const value = (name: string) => idValue(name, define(name));
  const vendor = /^PCI_VDEVICE/.test(body.trim()) || body.includes('PCI_VDEVICE') ? value(`PCI_VENDOR_ID_${d[1]}`) : value(d[1]);
  return { ...id, vendor, device: value(d[2]) };
}
