// PCI-fabric facts of one file, extracted while its tree is alive: pci_device_id tables, pci_driver and dma_buf_ops
// declarations, pci_p2pdma_distance*() and dma_set_*mask*() calls and what happens to their results, write-combining
// mappings with their BAR and any IORESOURCE_PREFETCH test around them. Only names and spans of functions are used,
// so functions whose bodies are kept lazily need not be parsed again.
import type { Node, Tree } from 'web-tree-sitter';
import type { FileFacts, FunctionFacts, Span } from './facts';
import { numericDefineValue, type ScannedDefine } from './preproc-only';
import { calleeName, callArgs, declaratorName, namedChildren, spanOf, typeName, unwrap } from './syntax';

/** vendor/device as 4 lower-case hex digits; `*` for PCI_ANY_ID; undefined when a macro could not be resolved. */
export interface PciId { vendor?: string; device?: string; text: string }
export interface IdTable { name: string; ids: PciId[]; span: Span }
export interface PciDriverDecl { varName: string; name?: string; idTable?: string; span: Span }
/** A dma_buf_ops initializer (also when nested, as in virtio_dma_buf_ops): its attach and map_dma_buf callbacks. */
export interface DmaBufOpsDecl { varName: string; attach?: string; map?: string; span: Span }

/**
 * What happens to a call's result: dropped (`f();` or `(void)f();`), stored in a variable never read afterwards,
 * or used (tested, returned, passed on).
 */
export type ResultFate = 'ignored' | 'unread' | 'used';

export interface P2pCheck { fn: string; api: string; span: Span; fate: ResultFate; text: string }
export interface MaskSet { fn: string; api: string; bits?: number; maskText: string; span: Span; fate: ResultFate }

/** How an IORESOURCE_PREFETCH test relates to a write-combining mapping. */
export type PrefetchTest = 'non-prefetchable-branch' | 'tested-and-ignored' | 'guarded';
export interface WcMap {
  fn: string; api: string; span: Span;
  /** BAR index when the code names it (literal or #define). */
  bar?: number; barText?: string;
  prefetch?: PrefetchTest; prefetchSpan?: Span;
}

export interface FabricFacts {
  idTables: IdTable[];
  drivers: PciDriverDecl[];
  dmaBufOps: DmaBufOpsDecl[];
  p2pChecks: P2pCheck[];
  maskSets: MaskSet[];
  wcMaps: WcMap[];
  /** Functions that tell BUS_ADDR from THRU_HOST_BRIDGE (pci_bus_address, PCI_P2PDMA_MAP_*, sg_dma_is_bus_address...). */
  mapTypeAware: string[];
  /** Object-like #defines with a number value (BAR indices, device ids). */
  defines: Record<string, string>;
  /** Names the file #defines more than once with different values (under alternative #if branches): not certain. */
  redefined?: string[];
  /**
   * pci_resource_start()/end() calls whose value fills a `struct resource` (`r->start = pci_resource_start(...)`,
   * `res.start += base`): a child device's resource, not an address handed to a device. Project-wide typed member
   * reads would otherwise carry them to every `res->start` of the project.
   */
  resourceFills: Span[];
}

export const P2P_DISTANCE_CALLS: ReadonlySet<string> = new Set(['pci_p2pdma_distance', 'pci_p2pdma_distance_many']);
export const MASK_CALLS: ReadonlySet<string> = new Set(['dma_set_mask', 'dma_set_mask_and_coherent', 'dma_set_coherent_mask', 'pci_set_dma_mask', 'pci_set_consistent_dma_mask']);

/** WC mapping calls and the argument that names the BAR (`bar`) or carries its CPU address (`addr`). */
const WC_CALLS: ReadonlyMap<string, { bar?: number; addr?: number }> = new Map([
  ['pci_iomap_wc', { bar: 1 }], ['pci_iomap_wc_range', { bar: 1 }], ['pci_ioremap_wc_bar', { bar: 1 }],
  ['ioremap_wc', { addr: 0 }], ['devm_ioremap_wc', { addr: 1 }], ['io_mapping_create_wc', { addr: 0 }],
  ['io_mapping_init_wc', { addr: 1 }], ['arch_phys_wc_add', { addr: 0 }], ['arch_io_reserve_memtype_wc', { addr: 0 }],
  ['devm_arch_phys_wc_add', { addr: 1 }], ['devm_arch_io_reserve_memtype_wc', { addr: 1 }], ['pgprot_writecombine', {}],
  ['memremap', { addr: 0 }], ['devm_memremap', { addr: 1 }],
]);

const MAP_TYPE_WORDS = /\b(pci_bus_address|PCI_P2PDMA_MAP_BUS_ADDR|PCI_P2PDMA_MAP_THRU_HOST_BRIDGE|sg_dma_is_bus_address|sg_is_dma_bus_address|pci_p2pdma_map_type|pci_p2pdma_map_segment|pci_p2pmem_virt_to_bus|pcibios_resource_to_bus)\b/;

/** Common PCI_VENDOR_ID_* values (include/linux/pci_ids.h) for PCI_VDEVICE()/PCI_DEVICE_DATA() tables. */
const VENDORS: Record<string, string> = {
  INTEL: '8086', AMD: '1022', ATI: '1002', NVIDIA: '10de', MELLANOX: '15b3', BROADCOM: '14e4', QLOGIC: '1077',
  AMAZON: '1d0f', HUAWEI: '19e5', CISCO: '1137', CHELSIO: '1425', SOLARFLARE: '1924', NETRONOME: '19ee',
  MICROSOFT: '1414', REDHAT_QUMRANET: '1af4', REDHAT: '1b36', XILINX: '10ee', SYNOPSYS: '16c3', HABANALABS: '1da3',
  PLX: '10b5', IDT: '111d', SAMSUNG: '144d', MARVELL: '11ab', MARVELL_EXT: '1b4b', CAVIUM: '177d', EMULEX: '10df',
  LSI_LOGIC: '1000', ADAPTEC2: '9005', VMWARE: '15ad', QCOM: '17cb', ATHEROS: '168c', REALTEK: '10ec', MICROSEMI: '11f8',
  GOOGLE: '1ae0', FUNGIBLE: '1dad', PENSANDO: '1dd8', ALIBABA: '1ded', ASMEDIA: '1b21', AMCC: '10e8', MATROX: '102b',
  ARECA: '17d3', HP: '103c', IBM: '1014', SILICOM_DENMARK: '1c2c', WANGXUN: '8088', NETSWIFT: '8088', SERVERENGINES: '19a2',
};

/** `scanned`: numeric defines read by text from lines blanked before parsing (`preproc-only.ts`), merged in line order. */
const EMPTY_FABRIC = (): FabricFacts => ({ idTables: [], drivers: [], dmaBufOps: [], p2pChecks: [], maskSets: [], wcMaps: [], mapTypeAware: [], defines: {}, resourceFills: [] });

export function extractFabricFacts(tree: Tree, facts: FileFacts, scanned: readonly ScannedDefine[] = []): FabricFacts {
  const out = EMPTY_FABRIC();
  const byLine = new Map(facts.functions.map((f) => [f.span.start.line, f]));
  let nextScanned = 0;
  const definedAs = new Map<string, string | undefined>();
  const define = (name: string, value: string | undefined): void => {
    if (definedAs.has(name) && definedAs.get(name) !== value) (out.redefined ??= []).push(name);
    definedAs.set(name, value);
    if (value !== undefined) out.defines[name] = value;
  };
  const scannedBefore = (row: number): void => {
    for (; nextScanned < scanned.length && scanned[nextScanned].row < row; nextScanned++) define(scanned[nextScanned].name, scanned[nextScanned].value);
  };
  const visitTop = (node: Node): void => {
    for (const child of namedChildren(node)) {
      switch (child.type) {
        case 'preproc_def': {
          const name = child.childForFieldName('name')?.text;
          const value = numericDefineValue(child.childForFieldName('value')?.text.trim());
          scannedBefore(child.startPosition.row);
          if (name) define(name, value);
          break;
        }
        case 'declaration': declaration(child, out, facts.path); break;
        case 'function_definition': {
          const fn = byLine.get(child.startPosition.row);
          const body = fn && ownFacts.get(fn)?.fabricCalls === false ? undefined : child.childForFieldName('body');
          if (fn && body) functionFacts(fn, body, out);
          else if (fn) addOwnFacts(fn, ownFacts.get(fn), out); // kept facts of a function without fabric calls
          break;
        }
        case 'preproc_if': case 'preproc_ifdef': case 'preproc_else': case 'preproc_elif': case 'preproc_elifdef':
        case 'linkage_specification': case 'declaration_list': case 'ERROR':
          visitTop(child); break;
        default:
      }
    }
  };
  visitTop(tree.rootNode);
  scannedBefore(Infinity);
  textTables(tree.rootNode.text, out);
  return out;
}

/** Tables tree-sitter cannot read (entries are macros that expand to `{...},` with no comma between them): by text. */
function textTables(text: string, out: FabricFacts): void {
  if (!text.includes('pci_device_id')) return;
  const head = /struct\s+pci_device_id\s+(\w+)\s*\[\s*\]\s*(?:__\w+\s*)*=\s*\{/g;
  for (const m of text.matchAll(head)) {
    const name = m[1];
    const known = out.idTables.find((t) => t.name === name);
    if (known && known.ids.length > 0) continue;
    const end = text.indexOf('};', m.index);
    const body = text.slice(m.index + m[0].length, end < 0 ? undefined : end);
    const ids: PciId[] = [];
    for (const e of body.matchAll(/\b(PCI_VDEVICE|PCI_DEVICE_DATA|PCI_DEVICE|PCI_DEVICE_SUB|[A-Z][A-Z0-9_]*)\s*\(([^()]*)\)/g)) {
      const args = e[2].split(',').map((a) => a.trim());
      if (e[1] === 'PCI_VDEVICE') ids.push({ vendor: VENDORS[args[0]] ?? idValue(`PCI_VENDOR_ID_${args[0]}`, out.defines), device: idValue(args[1], out.defines), text: e[0] });
      else if (e[1] === 'PCI_DEVICE' || e[1] === 'PCI_DEVICE_SUB') ids.push({ vendor: idValue(args[0], out.defines), device: idValue(args[1], out.defines), text: e[0] });
      else if (e[1] !== 'PCI_DEVICE_DATA') ids.push({ text: e[0] });
    }
    const line = text.slice(0, m.index).split('\n').length - 1;
    const span = { start: { line, character: 0 }, end: { line, character: 0 } };
    if (known) known.ids = ids; else out.idTables.push({ name, ids, span });
  }
}

// ---- declarations: id tables, pci_driver, dma_buf_ops ------------------------------------------------------------

function declaration(decl: Node, out: FabricFacts, file: string): void {
  const type = typeName(decl.childForFieldName('type'));
  for (const d of decl.childrenForFieldName('declarator')) {
    if (d?.type !== 'init_declarator') continue;
    const name = declaratorName(d);
    const value = d.childForFieldName('value');
    if (!name || value?.type !== 'initializer_list') continue;
    if (type === 'pci_device_id') out.idTables.push({ name, ids: idEntries(value, out.defines), span: spanOf(d) });
    else if (type === 'pci_driver') {
      const f = designated(value);
      const drvName = f.get('name');
      out.drivers.push({
        varName: name, span: spanOf(d),
        name: drvName?.type === 'string_literal' ? drvName.text.slice(1, -1) : drvName?.text,
        idTable: f.get('id_table') ? unwrap(f.get('id_table')!).text.replace(/^&/, '') : undefined,
      });
    } else {
      const ops = findOps(value);
      if (ops) out.dmaBufOps.push({ varName: name, span: spanOf(d), ...ops });
    }
  }
}

/** `.field = value` pairs of an initializer list (one level). */
function designated(list: Node): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const p of namedChildren(list)) {
    if (p.type !== 'initializer_pair') continue;
    const field = p.childForFieldName('designator')?.text.replace(/^\./, '');
    const value = p.childForFieldName('value');
    if (field && value) m.set(field, value);
  }
  return m;
}

function findOps(list: Node, depth = 0): { attach?: string; map?: string } | undefined {
  const f = designated(list);
  const map = f.get('map_dma_buf');
  if (map) return { map: unwrap(map).text, attach: f.get('attach') ? unwrap(f.get('attach')!).text : undefined };
  if (depth > 1) return undefined;
  for (const v of f.values()) if (v.type === 'initializer_list') { const r = findOps(v, depth + 1); if (r) return r; }
  return undefined;
}

function idEntries(list: Node, defines: Record<string, string>): PciId[] {
  const out: PciId[] = [];
  for (const e of namedChildren(list)) {
    if (e.type === 'call_expression') { out.push({ text: e.text.replace(/\s+/g, ' ') }); continue; } // ENTRY(x) expanding to {...},
    if (e.type !== 'initializer_list') continue;
    const items = namedChildren(e).filter((c) => c.type !== 'comment');
    if (items.length === 0) continue;
    const first = items[0];
    const text = e.text.replace(/\s+/g, ' ');
    if (first.type === 'call_expression') {
      const macro = calleeName(first) ?? '';
      const args = callArgs(first);
      if (macro === 'PCI_VDEVICE' || macro === 'PCI_DEVICE_DATA') {
        const vendor = VENDORS[args[0]?.text ?? ''] ?? idValue(`PCI_VENDOR_ID_${args[0]?.text}`, defines);
        const device = macro === 'PCI_VDEVICE' ? idValue(args[1]?.text, defines) : idValue(`PCI_DEVICE_ID_${args[0]?.text}_${args[1]?.text}`, defines);
        out.push({ vendor, device, text });
      } else if (/^PCI_DEVICE(_SUB)?$/.test(macro)) {
        out.push({ vendor: idValue(args[0]?.text, defines), device: idValue(args[1]?.text, defines), text });
      } else out.push({ text: first.text.replace(/\s+/g, ' ') }); // a driver's own entry macro: resolved project-wide
    } else if (first.type === 'initializer_pair') {
      const f = designated(e);
      if (f.has('vendor')) out.push({ vendor: idValue(f.get('vendor')?.text, defines), device: idValue(f.get('device')?.text ?? 'PCI_ANY_ID', defines), text });
    } else if (items.length >= 2) {
      out.push({ vendor: idValue(items[0].text, defines), device: idValue(items[1].text, defines), text });
    }
  }
  return out;
}

export function idValue(text: string | undefined, defines: Record<string, string>): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (t === 'PCI_ANY_ID' || t === '(~0)' || t === '~0') return '*';
  const vm = /^PCI_VENDOR_ID_(\w+)$/.exec(t);
  if (vm && VENDORS[vm[1]]) return VENDORS[vm[1]];
  const v = defines[t] ?? t;
  const n = /^(0x[0-9a-fA-F]+|\d+)$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n.toString(16).padStart(4, '0') : undefined;
}

// ---- per function -----------------------------------------------------------------------------------------------

let fabricCallWords: RegExp | undefined;

/** Whether a body names any call this extractor looks at (checked on text first: walking every call node is costly). */
function mentionsFabricCall(text: string): boolean {
  fabricCallWords ??= new RegExp(`\\b(${[...P2P_DISTANCE_CALLS, ...MASK_CALLS, ...WC_CALLS.keys()].join('|')})\\s*\\(`);
  return fabricCallWords.test(text);
}

/** What a function's body alone decides (no defines): kept per FunctionFacts, which an edit of the function replaces. */
interface OwnFabricFacts { mapTypeAware: boolean; resourceFills: Span[]; fabricCalls: boolean }
const ownFacts = new WeakMap<FunctionFacts, OwnFabricFacts>();

function ownFabricFacts(fn: FunctionFacts, body: Node): OwnFabricFacts {
  let own = ownFacts.get(fn);
  if (own) return own;
  const text = body.text;
  const fills = EMPTY_FABRIC();
  if (/->\s*start|\.\s*start|->\s*end|\.\s*end/.test(text) && /pci_resource_(start|end)/.test(text)) resourceFills(body, fills);
  own = { mapTypeAware: MAP_TYPE_WORDS.test(text), resourceFills: fills.resourceFills, fabricCalls: mentionsFabricCall(text) };
  ownFacts.set(fn, own);
  return own;
}

function addOwnFacts(fn: FunctionFacts, own: OwnFabricFacts | undefined, out: FabricFacts): void {
  if (own?.mapTypeAware) out.mapTypeAware.push(fn.name);
  out.resourceFills.push(...own?.resourceFills ?? []);
}

function functionFacts(fn: FunctionFacts, body: Node, out: FabricFacts): void {
  const own = ownFabricFacts(fn, body);
  addOwnFacts(fn, own, out);
  if (!own.fabricCalls) return; // the calls' facts read the defines before the function: not kept
  const calls = body.descendantsOfType('call_expression').filter((c): c is Node => c !== null);
  for (const call of calls) {
    const name = calleeName(call);
    if (!name) continue;
    if (P2P_DISTANCE_CALLS.has(name)) out.p2pChecks.push({ fn: fn.name, api: name, span: spanOf(call), fate: resultFate(call, body), text: clip(call.text) });
    else if (MASK_CALLS.has(name)) {
      const mask = callArgs(call)[1];
      out.maskSets.push({ fn: fn.name, api: name, maskText: clip(mask?.text ?? ''), bits: maskBits(mask, out.defines), span: spanOf(call), fate: resultFate(call, body) });
    } else if (WC_CALLS.has(name)) {
      const wc = wcMap(fn, name, call, body, out.defines);
      if (wc) out.wcMaps.push(wc);
    }
  }
}

function clip(t: string): string {
  const one = t.replace(/\s+/g, ' ');
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}

/** What happens to a call's value: see ResultFate. */
export function resultFate(call: Node, body: Node): ResultFate {
  let n: Node = call;
  let p = call.parent;
  while (p && (p.type === 'parenthesized_expression' || p.type === 'cast_expression')) { n = p; p = p.parent; }
  if (!p || p.type === 'expression_statement') return 'ignored';
  let variable: string | undefined;
  if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === n.id && p.child(1)?.type === '=') {
    const left = p.childForFieldName('left');
    if (left?.type === 'identifier') variable = left.text;
    else return 'used';
    if (p.parent?.type !== 'expression_statement') return 'used';
  } else if (p.type === 'init_declarator') variable = declaratorName(p);
  else return 'used';
  return variable && !readAfter(variable, p.endIndex, body) ? 'unread' : 'used';
}

/** Is `name` read after `from` before it is overwritten? (textual, in source order; a loop may re-read it: treated as read) */
function readAfter(name: string, from: number, body: Node): boolean {
  const ids = body.descendantsOfType('identifier').filter((i): i is Node => i !== null && i.text === name && i.startIndex >= from);
  if (insideLoop(body, from)) return true;
  for (const id of ids) {
    const parent = id.parent;
    const overwritten = parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === id.id && parent.child(1)?.type === '=';
    return !overwritten;
  }
  return false;
}

function insideLoop(body: Node, at: number): boolean {
  for (let n: Node | null = body.descendantForIndex(at); n && n.id !== body.id; n = n.parent) {
    if (n.type === 'for_statement' || n.type === 'while_statement' || n.type === 'do_statement') return true;
  }
  return false;
}

function maskBits(mask: Node | undefined, defines: Record<string, string>): number | undefined {
  if (!mask) return undefined;
  const m = unwrap(mask);
  if (m.type === 'call_expression' && calleeName(m) === 'DMA_BIT_MASK') {
    const a = callArgs(m)[0]?.text.trim();
    const v = a !== undefined ? defines[a] ?? a : undefined;
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  }
  const v = defines[m.text] ?? m.text;
  const hex = /^0x([0-9a-fA-F]+)[uUlL]*$/.exec(v);
  if (hex) {
    const n = BigInt(`0x${hex[1]}`);
    if (((n + 1n) & n) === 0n) return n.toString(2).length;
  }
  return undefined;
}

// ---- write-combining mappings ------------------------------------------------------------------------------------

function wcMap(fn: FunctionFacts, api: string, call: Node, body: Node, defines: Record<string, string>): WcMap | undefined {
  const spec = WC_CALLS.get(api)!;
  const args = callArgs(call);
  if ((api === 'memremap' || api === 'devm_memremap') && !call.text.includes('MEMREMAP_WC')) return undefined;
  let barNode: Node | undefined;
  if (spec.bar !== undefined) barNode = args[spec.bar];
  else if (spec.addr !== undefined) barNode = barOfAddress(args[spec.addr], body, call.startIndex);
  else barNode = singleBarIn(body);
  const barText = barNode ? unwrap(barNode).text : undefined;
  const barValue = barText !== undefined ? defines[barText] ?? barText : undefined;
  const wc: WcMap = { fn: fn.name, api, span: spanOf(call), barText };
  if (barValue !== undefined && /^(0x[0-9a-fA-F]+|\d+)$/.test(barValue)) wc.bar = Number(barValue);
  const test = prefetchTest(call, body, barText);
  if (test) { wc.prefetch = test.kind; wc.prefetchSpan = test.span; }
  return wc;
}

/** The BAR argument of the pci_resource_start(pdev, BAR) a mapping address comes from, in the call or a local's assignment. */
function barOfAddress(addr: Node | undefined, body: Node, before: number): Node | undefined {
  if (!addr) return undefined;
  const direct = resourceStartBar(addr);
  if (direct) return direct;
  const a = unwrap(addr);
  const name = a.type === 'identifier' ? a.text : a.type === 'binary_expression' ? identifierIn(a) : undefined;
  if (!name) return undefined;
  for (const n of [...body.descendantsOfType('init_declarator'), ...body.descendantsOfType('assignment_expression')]) {
    if (!n || n.startIndex > before) continue;
    const target = n.type === 'init_declarator' ? declaratorName(n) : n.childForFieldName('left')?.text;
    const value = n.childForFieldName(n.type === 'init_declarator' ? 'value' : 'right');
    if (target === name && value) { const b = resourceStartBar(value); if (b) return b; }
  }
  return undefined;
}

function identifierIn(bin: Node): string | undefined {
  const l = bin.childForFieldName('left');
  return l && unwrap(l).type === 'identifier' ? unwrap(l).text : undefined;
}

function resourceStartBar(n: Node): Node | undefined {
  for (const c of [n, ...n.descendantsOfType('call_expression').filter((x): x is Node => x !== null)]) {
    const u = unwrap(c);
    if (u.type === 'call_expression' && (calleeName(u) === 'pci_resource_start' || calleeName(u) === 'pci_resource_len')) return callArgs(u)[1];
  }
  return undefined;
}

/** For pgprot_writecombine(): the BAR of the only pci_resource_start() in the function, if there is exactly one. */
function singleBarIn(body: Node): Node | undefined {
  const bars = new Map<string, Node>();
  for (const c of body.descendantsOfType('call_expression')) {
    if (c && calleeName(c) === 'pci_resource_start' && callArgs(c)[1]) bars.set(callArgs(c)[1].text, callArgs(c)[1]);
  }
  return bars.size === 1 ? [...bars.values()][0] : undefined;
}

const PREFETCH = /IORESOURCE_PREFETCH/;

/** True when the condition is true exactly for a prefetchable BAR; false when true for a non-prefetchable one; undefined if unclear. */
function prefetchPolarity(cond: Node): boolean | undefined {
  const t = cond.text.replace(/\s+/g, '');
  if (!PREFETCH.test(t) || /\|\|/.test(t)) return undefined;
  const negated = /!\(+[^!]*&IORESOURCE_PREFETCH\)/.test(t) || /IORESOURCE_PREFETCH\)*==0/.test(t);
  return !negated;
}

function barMatches(cond: Node, barText: string | undefined): boolean {
  const flags = cond.descendantsOfType('call_expression').find((c) => c && calleeName(c) === 'pci_resource_flags');
  if (!flags || barText === undefined) return true;
  return callArgs(flags)[1]?.text === barText;
}

function prefetchTest(call: Node, body: Node, barText: string | undefined): { kind: PrefetchTest; span: Span } | undefined {
  // 1. The mapping sits in a branch of an if/?: that tests the flag.
  let child: Node = call;
  for (let p = call.parent; p && p.id !== body.parent?.id; child = p, p = p.parent) {
    if (p.type !== 'if_statement' && p.type !== 'conditional_expression') continue;
    const cond = p.childForFieldName('condition');
    if (!cond || cond.id === child.id) continue;
    const pol = prefetchPolarity(cond);
    if (pol === undefined || !barMatches(cond, barText)) continue;
    const inThen = p.childForFieldName('consequence')?.id === child.id;
    const prefetchable = inThen ? pol : !pol;
    return { kind: prefetchable ? 'guarded' : 'non-prefetchable-branch', span: spanOf(cond) };
  }
  // 2. An earlier `if (!(flags & IORESOURCE_PREFETCH))` in an enclosing block: does its body leave?
  for (let stmt: Node | null = call; stmt && stmt.id !== body.id; stmt = stmt.parent) {
    for (let prev = stmt.previousNamedSibling; prev; prev = prev.previousNamedSibling) {
      if (prev.type !== 'if_statement') continue;
      const cond = prev.childForFieldName('condition');
      if (!cond) continue;
      const pol = prefetchPolarity(cond);
      if (pol === undefined || !barMatches(cond, barText)) continue;
      const then = prev.childForFieldName('consequence');
      const leaves = then ? /\b(return|goto|break|continue)\b/.test(then.text) : false;
      if (pol === false) return { kind: leaves ? 'guarded' : 'tested-and-ignored', span: spanOf(cond) };
      return { kind: 'guarded', span: spanOf(cond) };
    }
  }
  return undefined;
}

const RESOURCE_CALL = /^pci_resource_(start|end)$/;

function resourceFills(body: Node, out: FabricFacts): void {
  const starts = (n: Node): Node[] => [n, ...n.descendantsOfType('call_expression').filter((c): c is Node => c !== null)]
    .filter((c) => c.type === 'call_expression' && RESOURCE_CALL.test(calleeName(c) ?? ''));
  for (const a of body.descendantsOfType('assignment_expression')) {
    const left = a?.childForFieldName('left');
    const right = a?.childForFieldName('right');
    if (!a || !left || !right || left.type !== 'field_expression') continue;
    const field = left.childForFieldName('field')?.text;
    if (field !== 'start' && field !== 'end') continue;
    for (const c of starts(right)) out.resourceFills.push(spanOf(c));
    const ids = new Set([right, ...right.descendantsOfType('identifier')].filter((i): i is Node => i?.type === 'identifier').map((i) => i.text));
    for (const d of [...body.descendantsOfType('init_declarator'), ...body.descendantsOfType('assignment_expression')]) {
      if (!d) continue;
      const target = d.type === 'init_declarator' ? declaratorName(d) : d.childForFieldName('left')?.text;
      const value = d.childForFieldName(d.type === 'init_declarator' ? 'value' : 'right');
      if (target && ids.has(target) && value) for (const c of starts(value)) out.resourceFills.push(spanOf(c));
    }
  }
}
