// Register writes that mask, unmask, acknowledge or claim an interrupt: named for an interrupt (the register, the value
// or a helper making the write) and not also for a doorbell. Such a write tells the device to fetch nothing, so the
// stores before it are not consumed by it (missing-wmb-before-doorbell).
import type { FlowNode } from '../analysis/flow';
import { nameParts } from './name-parts';

/** Name parts that say "interrupt": `MTK_PDMA_INT_STATUS`, `irq_claim`, `gpi_disable_interrupts()`, `ORC_GIMSK`. */
const INTERRUPT_WORDS = new Set([
  'irq', 'irqs', 'intr', 'intrs', 'interrupt', 'interrupts', 'isr', 'imr', 'ier', 'ims', 'imc', 'gimsk', 'intmask',
  'intmsk', 'intstat', 'intsts', 'inten', 'intena', 'intclr', 'intack', 'msix', 'msi',
]);

/** `int` alone is the C type (`(int)count`); only as part of a register name (`INT_STATUS`, `GINT_MASK`) is it one. */
const INTERRUPT_WORDS_IN_NAMES = new Set(['int', 'gint']);

/**
 * Name parts that say the write may start the device or publish work, whatever else it does: a doorbell that also
 * re-arms the completion interrupt (`DB_CQ_REARM`), a tail or producer index, a command or a start bit.
 */
const DOORBELL_WORDS = new Set([
  'db', 'dbell', 'doorbell', 'door', 'prod', 'producer', 'pidx', 'tail', 'kick', 'cmd', 'command', 'start', 'go', 'run',
  'trigger', 'fetch', 'push', 'post', 'submit', 'ring', 'rearm', 'arm', 'enqueue', 'queue', 'dma', 'xmit', 'tx', 'send',
]);

/** The words of the identifiers in a text: `MTK_PDMA_INT_STATUS` -> mtk, pdma, int, status (with `inName`). */
function words(text: string): { word: string; inName: boolean }[] {
  const out: { word: string; inName: boolean }[] = [];
  for (const id of text.match(/[A-Za-z_]\w*/g) ?? []) {
    const parts = nameParts(id);
    for (const word of parts) out.push({ word, inName: parts.length > 1 });
  }
  return out;
}

/**
 * True when the write at `n` is an interrupt-register write: the text naming it (`site`: the call in the analysed
 * function that reaches it, plus the helpers it went through, the address and the value) has an interrupt word and no
 * doorbell word.
 */
export function isInterruptRegisterWrite(n: FlowNode, site: string): boolean {
  const e = n.event;
  if (e?.kind !== 'access' || e.dir !== 'write') return false;
  const all = words([site, ...n.chain, e.addrText, e.valueText ?? ''].join(' '));
  if (all.some(({ word }) => DOORBELL_WORDS.has(word))) return false;
  return all.some(({ word, inName }) => INTERRUPT_WORDS.has(word) || (inName && INTERRUPT_WORDS_IN_NAMES.has(word)));
}
