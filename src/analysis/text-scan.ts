// Cheap facts read from a function's text without walking its syntax tree: the names it calls, the fields it assigns
// or passes the address of (and to which call), and whether it uses device-I/O vocabulary (which decides whether its
// body is extracted now or on demand); and the two scanning helpers the engine's text checks share (comments and
// literals blanked, a bracket's match).
import type { AddressedField } from './facts';
import { addressArguments } from './address-arguments';
import { ACCESSORS, ASM_BARRIERS, BARRIERS, DMA_ALLOCS, DMA_MAPS, DMA_PINS, LOCKS, MAPPINGS, P2PDMA_ALLOCS, PGPROTS, THREAD_FENCES, UNLOCKS, USER_MAPPING_CALLS, KNOWN_OUT_PARAM_ORIGINS, VFIO_DMA_MAPS } from './vocabulary';

/** Calls the fabric rules look at: a function calling one of these is extracted at once, like an I/O function. */
const FABRIC_CALLS = [
  'dma_map_resource', 'dma_unmap_resource', 'pci_p2pdma_distance', 'pci_p2pdma_distance_many', 'pci_p2pdma_add_resource',
  'pci_p2pmem_find', 'pci_p2pmem_find_many', 'dma_set_mask', 'dma_set_mask_and_coherent', 'dma_set_coherent_mask',
  'dma_coerce_mask_and_coherent', 'pci_resource_start', 'pci_resource_end', 'pci_bus_address', 'remap_pfn_range',
  'io_remap_pfn_range', 'vm_iomap_memory', 'dma_map_sg', 'dma_map_sgtable', 'platform_get_resource', 'pci_resource_n',
];

export const IO_VOCABULARY: ReadonlySet<string> = new Set<string>([
  ...ACCESSORS.keys(), ...BARRIERS, ...LOCKS, ...UNLOCKS, ...MAPPINGS.keys(), ...PGPROTS, ...DMA_ALLOCS, ...DMA_MAPS.keys(), ...DMA_PINS.keys(), ...THREAD_FENCES,
  ...P2PDMA_ALLOCS, ...FABRIC_CALLS, ...USER_MAPPING_CALLS, ...KNOWN_OUT_PARAM_ORIGINS.keys(),
]);

const C_KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else', 'case', 'typeof', '__typeof__', 'defined', 'alignof', '_Alignof', '__attribute__', 'asm', '__asm__', 'volatile']);

const CALL = /\b([A-Za-z_]\w*)\s*\(/g;
const FIELD_ASSIGN = /(?:->|\.)\s*([A-Za-z_]\w*)\s*(?:\[[^\]\n]*\]\s*)?=(?!=)/g;
/** An ioctl request that hands the device memory (VFIO_DMA_MAPS): the function's body says which buffer. */
const DMA_MAP_REQUEST = new RegExp(`\\b(?:${[...VFIO_DMA_MAPS.keys()].join('|')})\\b`);
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
  if (!directIo && (ASM_FENCE.test(text) || DMA_MAP_REQUEST.test(text))) directIo = true;
  const writtenFields = new Set<string>();
  for (const m of text.matchAll(FIELD_ASSIGN)) writtenFields.add(m[1]);
  const addressedFields = addressedFieldsOf(text);
  return { calls: [...calls], writtenFields: [...writtenFields], directIo, ...(addressedFields.length ? { addressedFields } : {}) };
}

/**
 * The members whose address a direct call's argument takes, with the call and the argument's position (a call through a
 * pointer names no function to look up). Read again with strings and comments blanked: a comma in them separates nothing.
 */
function addressedFieldsOf(text: string): AddressedField[] {
  if (addressArguments(text).length === 0) return [];
  const out: AddressedField[] = [];
  for (const { callee, arg, field } of addressArguments(codeOnly(text))) {
    if (callee.throughPointer || C_KEYWORDS.has(callee.name) || out.some((a) => a.field === field && a.callee === callee.name && a.arg === arg)) continue;
    out.push({ field, callee: callee.name, arg });
  }
  return out;
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
