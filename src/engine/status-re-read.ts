// Status words read again after the real hand-over: a re-read is no new gate for the reads after it. Two shapes:
// a batch of entries whose status words were read in one loop, then fenced, then walked in a second loop that reads
// each status again (DPDK's LOOK_AHEAD scan: ice/i40e/ixgbe `*_rx_scan_hw_ring()`); and a field the code tested
// together with the status word, before it, and reads again after (hpsa `serv_response == 0 && status == 0`).
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import { reachable, reachableAvoiding } from './pending';

/** A subscript by a variable (`rxdp[j]`): the text names one entry per value of the index. */
const INDEXED = /\[\s*[A-Za-z_]\w*\s*\]/;

function loadText(n: FlowNode): string | undefined {
  return n.event?.kind === 'load' ? n.event.text : undefined;
}

/** `id` lies on a cycle of the flow that does not pass `avoid`: a loop of its own, without `avoid` in it. */
function inLoopAvoiding(flow: FunctionFlow, id: number, avoid: number): boolean {
  return reachable(flow, id, false, avoid).has(id);
}

/**
 * For the status load at `at`, inside a loop (`rxdp[j].status` in `for (j = 0; j < nb_dd; j++)`): an earlier load
 * of the same subscripted text in a loop of its own that only collects the values (`for (j = 7; j >= 0; j--) s[j] =
 * rxdp[j].status;`, no branch on them there), on every path to `at`. That loop read the status of every entry the
 * second one walks before the barrier after it, so passing `at` for one entry does not leave the next one unread;
 * the caller counts the batch read as the hand-over. (A loop that tests the word, a poll, reads one entry only.)
 */
export function batchStatusRead(flow: FunctionFlow, at: number): boolean {
  const text = loadText(flow.nodes[at]);
  if (!text || !INDEXED.test(text)) return false;
  return flow.nodes.some((n, id) => id !== at && !n.gate && n.inst === flow.nodes[at].inst && loadText(n) === text
    && inLoopAvoiding(flow, id, at) && inLoopAvoiding(flow, at, id) && !reachableAvoiding(flow, at, (m, b) => b === id || !!m.zeroTrip));
}

/**
 * The sink reads a location the code tested before the status load `gate` on every path to it, and before any status
 * read of the record (`statusRead`): `if (c2->serv_response == 0 && c2->status == 0)`, then `c2->serv_response`
 * again. The code decides on that field before it looks at the status, so the status is not what hands it over. (A
 * field first tested after an earlier status test, aquantia's `pkt_len` after the DD bit, is still that test's.)
 */
export function testedBeforeGate(flow: FunctionFlow, gate: number, sink: number, statusRead: (n: FlowNode) => boolean): boolean {
  const text = loadText(flow.nodes[sink]);
  const inst = flow.nodes[sink].inst;
  if (!text) return false;
  const first = (n: FlowNode, id: number) => !!n.gate && n.inst === inst && loadText(n) === text
    && reachableAvoiding(flow, id, (m, b) => b !== id && statusRead(m));
  return !reachableAvoiding(flow, gate, (n, id) => !!n.zeroTrip || first(n, id));
}
