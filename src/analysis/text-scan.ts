// Cheap facts read from a function's text without walking its syntax tree: the names it calls, the fields it assigns
// or passes the address of (and to which call), and whether it uses device-I/O vocabulary (which decides whether its
// body is extracted now or on demand); and the two scanning helpers the engine's text checks share (comments and
// literals blanked, a bracket's match).
import type { AddressedField } from './facts';
import { ACCESSORS, ASM_BARRIERS, BARRIERS, DMA_ALLOCS, DMA_MAPS, LOCKS, MAPPINGS, P2PDMA_ALLOCS, PGPROTS, UNLOCKS } from './vocabulary';

/** Calls the fabric rules look at: a function calling one of these is extracted at once, like an I/O function. */
const FABRIC_CALLS = [
  'dma_map_resource', 'dma_unmap_resource', 'pci_p2pdma_distance', 'pci_p2pdma_distance_many', 'pci_p2pdma_add_resource',
  'pci_p2pmem_find', 'pci_p2pmem_find_many', 'dma_set_mask', 'dma_set_mask_and_coherent', 'dma_set_coherent_mask',
  'dma_coerce_mask_and_coherent', 'pci_resource_start', 'pci_resource_end', 'pci_bus_address', 'remap_pfn_range',
  'io_remap_pfn_range', 'vm_iomap_memory', 'dma_map_sg', 'dma_map_sgtable', 'platform_get_resource', 'pci_resource_n',
];

export const IO_VOCABULARY: ReadonlySet<string> = new Set<string>([
  ...ACCESSORS.keys(), ...BARRIERS, ...LOCKS, ...UNLOCKS, ...MAPPINGS.keys(), ...PGPROTS, ...DMA_ALLOCS, ...DMA_MAPS.keys(),
  ...P2PDMA_ALLOCS, ...FABRIC_CALLS,
]);

const C_KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else', 'case', 'typeof', '__typeof__', 'defined', 'alignof', '_Alignof', '__attribute__', 'asm', '__asm__', 'volatile']);

const CALL = /\b([A-Za-z_]\w*)\s*\(/g;
const FIELD_ASSIGN = /(?:->|\.)\s*([A-Za-z_]\w*)\s*(?:\[[^\]\n]*\]\s*)?=(?!=)/g;
/** A member's address passed to a call (`f(pdev, &mdev->csr)`, `f(dev, (void **)&r->desc)`): the callee may store there. */
const FIELD_ADDRESS_ARG = /[(,]\s*(?:\(\s*[A-Za-z_][\w\s]*\*+\s*\)\s*)?&\s*[A-Za-z_][\w.>\s-]*?(?:->|\.)\s*([A-Za-z_]\w*)\s*(?=[,)])/g;

/** Some member's address taken (`&p->m`, `&s.m`): a text worth looking for FIELD_ADDRESS_ARG in. */
const MEMBER_ADDRESS = /&\s*[A-Za-z_][\w.>\s-]*?(?:->|\.)/;

/** An inline-asm statement whose template may be one of ASM_BARRIERS (checked exactly when the body is extracted). */
const ASM_FENCE = new RegExp(`\\b(?:asm|__asm__)\\b[^(]*\\(\\s*"\\s*(?:${[...new Set([...ASM_BARRIERS.keys()].map((k) => k.split(' ')[0]))].join('|')})\\b`);

/** `addressedFields`: members whose address the text passes to a call (`f(pdev, &mdev->csr)`), with the callee. */
export interface TextScan { calls: string[]; writtenFields: string[]; directIo: boolean; addressedFields?: AddressedField[] }

export function scanFunctionText(text: string): TextScan {
  const calls = new Set<string>();
  let directIo = false;
  for (const m of text.matchAll(CALL)) {
    const name = m[1];
    if (C_KEYWORDS.has(name)) continue;
    calls.add(name);
    if (IO_VOCABULARY.has(name)) directIo = true;
  }
  if (!directIo && ASM_FENCE.test(text)) directIo = true;
  const writtenFields = new Set<string>();
  for (const m of text.matchAll(FIELD_ASSIGN)) writtenFields.add(m[1]);
  const addressedFields = addressedFieldsOf(text);
  return { calls: [...calls], writtenFields: [...writtenFields], directIo, ...(addressedFields.length ? { addressedFields } : {}) };
}

/** The members whose address a call argument takes, each with the name of the call it is passed to. */
function addressedFieldsOf(raw: string): AddressedField[] {
  if (!MEMBER_ADDRESS.test(raw)) return [];
  const text = codeOnly(raw); // a comma in a string or comment is no argument separator
  const out: AddressedField[] = [];
  for (const m of text.matchAll(FIELD_ADDRESS_ARG)) {
    const call = enclosingCall(text, m.index!);
    if (!call || C_KEYWORDS.has(call.callee) || out.some((a) => a.field === m[1] && a.callee === call.callee && a.arg === call.arg)) continue;
    out.push({ field: m[1], ...call });
  }
  return out;
}

/**
 * The call whose argument list holds the `(` or `,` at `at`: the name before its unmatched `(`, and the position of the
 * argument that follows `at`.
 */
function enclosingCall(text: string, at: number): { callee: string; arg: number } | undefined {
  let depth = 0;
  let arg = 0;
  for (let i = at; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === ',' && depth === 0) arg++;
    else if (c === '(' && depth-- === 0) {
      const callee = /([A-Za-z_]\w*)\s*$/.exec(text.slice(Math.max(0, i - 64), i))?.[1];
      return callee ? { callee, arg } : undefined;
    } else if (c === ';' || c === '{' || c === '}') return undefined;
  }
  return undefined;
}

/** The text with comments, string and character literals blanked (newlines kept, so offsets and lines still match). */
export function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** The offset of the bracket `c` closing the `o` at `open`, or -1 when it is not closed. */
export function matchingClose(text: string, open: number, o: string, c: string): number {
  for (let i = open, depth = 0; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i;
  }
  return -1;
}
