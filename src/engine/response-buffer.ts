// A DMA buffer the device fills as the response to a command the function waited for: allocated in this call, and read
// only after a completion wait (wait_for_completion*/wait_event*, directly or in a called helper) that follows the
// allocation on every path. Its status-like fields are results, not a hand-over word the CPU must order reads after.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import { isDmaVisible } from './ordering';
import { reachableAvoiding } from './pending';

const WAIT_CALL = /^(wait_for_completion\w*|wait_event\w*)$/;
const WAITS_IN_TEXT = /\b(wait_for_completion\w*|wait_event\w*)\s*\(/;

/** True when the load at `at` reads a buffer allocated in this call after a completion wait on every path. */
export function readAfterCompletion(flow: FunctionFlow, at: number, index: ProjectIndex | undefined): boolean {
  const { fn } = flow;
  const allocLines = flow.nodes[at].origins
    .filter((o) => isDmaVisible(o) && o.file === fn.file && o.span.start.line >= fn.span.start.line && o.span.start.line <= fn.span.end.line)
    .map((o) => o.span.start.line);
  if (allocLines.length === 0) return false;
  const after = Math.max(...allocLines);
  const blocks = (n: FlowNode) => n.site.start.line > after && waits(n, fn.file, index);
  return !reachableAvoiding(flow, at, blocks);
}

/**
 * A call that waits for the device's completion, itself or in the helper it calls; a node of an inlined helper that
 * waits counts as that call (its error paths that skip the wait return a failure the caller does not read past).
 */
function waits(n: FlowNode, file: string, index: ProjectIndex | undefined): boolean {
  const e = n.event;
  const callee = n.chain[0] ?? (e?.kind === 'call' ? e.callee : undefined);
  if (callee === undefined) return false;
  if (WAIT_CALL.test(callee)) return true;
  const text = index?.lookupFunction(callee, file)?.source?.text;
  return text !== undefined && WAITS_IN_TEXT.test(text);
}

