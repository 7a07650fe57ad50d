// A record reached through a tag the function read from another device-written entry: megaraid's reply descriptor
// `SMID` -> `cmd_list[smid - 1]` -> `->io_request`. Every load of the record has its address computed from that read,
// so it is performed after it (arch `addressDependency`), and the device filled the record before it posted the entry
// naming it: the record's status word is a result, not the hand-over, and gates none of the record's other words.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import { codeOnly } from '../analysis/text-scan';
import { DMA_ALLOCS } from '../analysis/vocabulary';
import { ARCHES, PROFILES } from './arch';
import type { Mask } from './arch-mask';

/** Calls whose result is computed from their argument alone (a byte swap, a bit field): the dependency passes. */
const DEPENDENCY_KEEPING = /^(?:(?:le|be)(?:16|32|64)_to_cpup?|cpu_to_(?:le|be)(?:16|32|64)|READ_ONCE|lower_32_bits|upper_32_bits|FIELD_GET|sizeof)$/;
/** Text that may turn a value into a branch (a comparison, `?:`, `&&`, `||`): a control dependency, which orders no load. */
const CONTROL = /\?|&&|\|\||[=!]=|<=|>=|(?<![-<>])[<>](?![<>])/;
/** How many locals a dependency is followed through (`scsi_io_req` <- `cmd_fusion` <- `smid`). */
const MAX_STEPS = 4;

/** The architectures on which a load is ordered after the load its address is computed from. */
export function addressDependencyMask(): Mask {
  return ARCHES.reduce((m, a, i) => (PROFILES[a].addressDependency ? m | (1 << i) : m), 0);
}

/**
 * Whether the record the load at `at` reads (the local its text starts from) is reached, on every assignment of that
 * local and of the locals it is computed from, through the value of a load `isEntry` accepts (a device-written word of
 * another entry) with nothing but arithmetic, indexing, dereferences, casts and byte-order conversions between.
 */
export function reachedThroughEntry(flow: FunctionFlow, at: number, isEntry: (n: FlowNode) => boolean): boolean {
  const node = flow.nodes[at];
  if (node.event?.kind !== 'load' || node.chain.length) return false;
  const root = /^[(\s*]*([A-Za-z_]\w*)\s*(?:->|\.|\[)/.exec(node.event.text)?.[1];
  const body = flow.fn.body;
  if (!root || !body) return false;
  const entries = new Map<string, string[]>();
  for (const n of flow.nodes) {
    if (n.event?.kind === 'load' && n.event.into && isEntry(n)) entries.set(n.event.into, [...(entries.get(n.event.into) ?? []), squash(n.event.text)]);
  }
  if (entries.size === 0) return false;
  const scope: Scope = { text: codeOnly(flow.fn.source?.text ?? ''), locals: new Set(Object.keys(body.locals)), params: new Set(flow.fn.params.map((p) => p.name)), entries };
  return dependsOnEntry(scope, root, new Set());
}

interface Scope { text: string; locals: Set<string>; params: Set<string>; entries: Map<string, string[]> }

/**
 * Whether the load `n` of the function's own body reads an element of an array member the driver fills with DMA
 * allocations (`fusion->reply_frames_desc[0] = dma_pool_alloc(...)`, then `desc = fusion->reply_frames_desc[q] + i`),
 * through the locals its pointer is assigned from: memory the device writes, which the project index does not
 * resolve (it follows no stores to array elements).
 */
export function readsDmaArrayElement(index: ProjectIndex, flow: FunctionFlow, n: FlowNode): boolean {
  if (n.event?.kind !== 'load' || n.chain.length || !flow.fn.body) return false;
  const root = /^[(\s*]*([A-Za-z_]\w*)\s*(?:->|\.|\[)/.exec(n.event.text)?.[1];
  const scope = { text: codeOnly(flow.fn.source?.text ?? ''), locals: new Set(Object.keys(flow.fn.body.locals)), params: new Set(flow.fn.params.map((p) => p.name)) };
  const dir = directoryOf(flow.fn.file);
  return !!root && pointsIntoDmaArray(scope, root, new Set(), (member) => dmaArrayMember(index, dir, member));
}

function pointsIntoDmaArray(scope: Omit<Scope, 'entries'>, local: string, seen: Set<string>, dmaArray: (member: string) => boolean): boolean {
  if (seen.size >= MAX_STEPS || seen.has(local) || scope.params.has(local) || !scope.locals.has(local) || addressTaken(scope.text, local)) return false;
  const values = assignedValues(scope.text, local);
  if (values.length === 0) return false;
  const next = new Set([...seen, local]);
  return values.every((v) => v.compound || [...v.text.matchAll(/(?:->|\.)\s*(\w+)\s*\[/g)].some((m) => dmaArray(m[1]))
    || operands(v.text).some((x) => x !== local && pointsIntoDmaArray(scope, x, next, dmaArray)));
}

const DMA_ALLOC_CALL = [...DMA_ALLOCS].join('|');
/** Per index, at its revision (an edit anywhere may add or remove such a store). */
const dmaArrays = new WeakMap<ProjectIndex, { revision: number; found: Map<string, boolean> }>();

/** Some file of the directory stores a DMA allocation into an element of the member: `x->member[i] = dma_pool_alloc(...)`. */
function dmaArrayMember(index: ProjectIndex, dir: string, member: string): boolean {
  let entry = dmaArrays.get(index);
  if (entry?.revision !== index.revision) { entry = { revision: index.revision, found: new Map() }; dmaArrays.set(index, entry); }
  const memo = entry.found;
  const key = `${dir}\0${member}`;
  let found = memo.get(key);
  if (found === undefined) {
    const store = new RegExp(`(?:->|\\.)\\s*${member}\\s*\\[[^\\]\\n]*\\]\\s*=\\s*(?:\\([^()]*\\)\\s*)*(?:${DMA_ALLOC_CALL})\\s*\\(`);
    found = [...index.allFiles()].some((f) => directoryOf(f.path) === dir && f.functions.some((fn) => store.test(fn.source?.text ?? '')));
    memo.set(key, found);
  }
  return found;
}

function dependsOnEntry(scope: Scope, local: string, seen: Set<string>): boolean {
  if (seen.size >= MAX_STEPS || seen.has(local) || scope.params.has(local) || !scope.locals.has(local)) return false;
  if (addressTaken(scope.text, local)) return false;
  const values = assignedValues(scope.text, local);
  if (values.length === 0) return false;
  const next = new Set([...seen, local]);
  return values.every((v) => v.compound
    ? keepsDependency(v.text)
    : keepsDependency(v.text) && (readsEntry(scope, local, v.text) || operands(v.text).some((x) => x !== local && dependsOnEntry(scope, x, next))));
}

function readsEntry(scope: Scope, local: string, value: string): boolean {
  const text = squash(value);
  return (scope.entries.get(local) ?? []).some((load) => text.includes(load));
}

/** `&local` (not `&local->f`, `&local[i]`): the local may be written through the pointer. */
function addressTaken(text: string, local: string): boolean {
  return new RegExp(`(?<!&)&\\s*${local}\\b(?!\\s*(?:->|\\.|\\[))`).test(text);
}

/**
 * The values assigned to `local` in the function's code (declarations' initialisers included; `op=` marked compound,
 * it keeps the old value's dependency, as `++`/`--`, which are not listed, do).
 */
function assignedValues(text: string, local: string): { text: string; compound: boolean }[] {
  const out: { text: string; compound: boolean }[] = [];
  const at = new RegExp(`(?<![\\w.>])${local}\\s*([-+*/%&|^]|<<|>>)?=(?!=)([^;]*)`, 'g');
  for (const m of text.matchAll(at)) {
    const before = text.slice(0, m.index).replace(/\s+$/, '');
    // `*local = v` stores through the local; `T *local = v` declares it.
    if (before.endsWith('*') && !/\w\s*\*+$/.test(before)) continue;
    if (/(?:->|\.)$/.test(before)) continue;
    out.push({ text: m[2], compound: m[1] !== undefined });
  }
  return out;
}

/** Arithmetic, indexing, member reads, casts and the conversions that pass a value on: no branch and no other call. */
function keepsDependency(value: string): boolean {
  if (CONTROL.test(value)) return false;
  return [...value.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].every((m) => DEPENDENCY_KEEPING.test(m[1]));
}

/** The names a value reads as variables (not the fields after `->` and `.`). */
function operands(value: string): string[] {
  const text = value.replace(/\s*(->|\.)\s*/g, '$1');
  return [...text.matchAll(/(?<![\w.]|->)\b([A-Za-z_]\w*)\b(?!\s*\()/g)].map((m) => m[1]);
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
