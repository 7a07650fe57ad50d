// A completion callback: a `static` function its driver never calls by name, only hands out by address (a per-request
// `done` pointer, a state-machine table), and whose parameters are not those of a kernel event entry (interrupt
// handler, NAPI poll, tasklet, timer, work, kthread: those discover completions themselves). It runs after its
// dispatcher saw the completion (ibmvfc_next_crq(): `valid` test, then rmb()), so a status word of the response it
// reads once, in no loop and without writing the response, is a result, not the hand-over.
import type { FunctionFacts } from '../analysis/facts';
import type { FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import { codeOnly, matchingClose } from '../analysis/text-scan';
import { callSites, onlyCallers, type CallerWalk } from './caller-bound';
import { descriptorKey, isOwnershipField } from './descriptor-words';
import { scopedKey } from './describe';
import { reachable } from './pending';

/**
 * Parameter lists of the callbacks through which the kernel runs a driver to find out what the device completed: the
 * status word such a function reads is the hand-over itself (Linux 6.1).
 */
const EVENT_ENTRY_PARAMS: readonly { shape: RegExp; what: string; cite: string }[] = [
  { shape: /^\s*(unsigned\s+)?int\s+\w*\s*,\s*void\s*\*\s*\w*\s*$/, what: 'interrupt handler, irq_handler_t', cite: 'include/linux/interrupt.h:100' },
  { shape: /\bstruct\s+napi_struct\s*\*/, what: 'NAPI poll', cite: 'include/linux/netdevice.h:359' },
  { shape: /\bstruct\s+tasklet_struct\s*\*/, what: 'tasklet callback', cite: 'include/linux/interrupt.h:650' },
  { shape: /^\s*unsigned\s+long\s+\w*\s*$/, what: 'tasklet func', cite: 'include/linux/interrupt.h:649' },
  { shape: /\bstruct\s+timer_list\s*\*/, what: 'timer', cite: 'include/linux/timer.h:18' },
  { shape: /\bstruct\s+hrtimer\s*\*/, what: 'hrtimer', cite: 'include/linux/hrtimer.h:121' },
  { shape: /\bstruct\s+(work_struct|delayed_work)\s*\*/, what: 'work item, work_func_t', cite: 'include/linux/workqueue.h:21' },
  { shape: /\bstruct\s+kthread_work\s*\*/, what: 'kthread work', cite: 'include/linux/kthread.h:115' },
  { shape: /^\s*void\s*\*\s*\w*\s*$/, what: 'kthread threadfn', cite: 'include/linux/kthread.h:11' },
  { shape: /\bstruct\s+irq_poll\s*\*/, what: 'irq_poll_fn', cite: 'include/linux/irq_poll.h:6' },
  { shape: /\bstruct\s+irq_desc\s*\*/, what: 'chained interrupt handler', cite: 'include/linux/irqhandler.h:12' },
  { shape: /\bstruct\s+blk_mq_hw_ctx\s*\*/, what: 'blk-mq poll', cite: 'include/linux/blk-mq.h:603' },
];

/**
 * Per index, at its revision: the answer reads the other functions, macros and table references of the function's
 * file, which an edit changes while the editor keeps the unchanged function's facts (the same object).
 */
const memo = new WeakMap<ProjectIndex, { revision: number; seen: Map<FunctionFacts, boolean> }>();

/** True when `fn` is called only through a pointer and is not an event entry (see the file comment). */
export function isCompletionCallback(index: ProjectIndex, fn: FunctionFacts): boolean {
  let entry = memo.get(index);
  if (entry?.revision !== index.revision) { entry = { revision: index.revision, seen: new Map() }; memo.set(index, entry); }
  const seen = entry.seen;
  let answer = seen.get(fn);
  if (answer === undefined) { answer = onlyByAddress(index, fn) && !isEventEntry(fn); seen.set(fn, answer); }
  return answer;
}

/** The text between the parentheses of the function's declarator. */
function parameterText(fn: FunctionFacts): string | undefined {
  const text = codeOnly(fn.source?.text ?? '');
  const at = new RegExp(`\\b${fn.name}\\s*\\(`).exec(text);
  if (!at) return undefined;
  const open = at.index + at[0].length - 1;
  const close = matchingClose(text, open, '(', ')');
  return close > open ? text.slice(open + 1, close) : undefined;
}

function isEventEntry(fn: FunctionFacts): boolean {
  const params = parameterText(fn);
  return params === undefined || EVENT_ENTRY_PARAMS.some((e) => e.shape.test(params));
}

/**
 * A `static` function of a .c file named in its file (a table, an argument, an assignment) and never called by name:
 * not in a function body of the file, not in a macro of it.
 */
function onlyByAddress(index: ProjectIndex, fn: FunctionFacts): boolean {
  if (fn.isMacro || !fn.file.endsWith('.c') || !/^\s*static\b/.test(fn.source?.text ?? '')) return false;
  const facts = index.get(fn.file);
  if (!facts) return false;
  const call = new RegExp(`\\b${fn.name}\\s*\\(`);
  if (Object.values(facts.macros).some((m) => call.test(m.body))) return false;
  const named = new RegExp(`\\b${fn.name}\\b`, 'g');
  let referenced = facts.valueRefs?.includes(fn.name) ?? false;
  for (const other of facts.functions) {
    if (other === fn || other.isMacro) continue;
    const text = codeOnly(other.source?.text ?? '');
    for (const m of text.matchAll(named)) {
      if (/^\s*\(/.test(text.slice(m.index! + fn.name.length))) return false;
      referenced = true;
    }
  }
  return referenced;
}

/**
 * True when the status read at `gate` is a result a completion callback reads: the function (or every caller of the
 * `static` helper it is, each call outside a loop) is a completion callback, the field is not an ownership word by
 * name, the status word is read in no loop of the function and the descriptor is not written there (a ring walker
 * polls and hands entries back; a callback reads its response once).
 */
export function readInCompletion(walk: CallerWalk, flow: FunctionFlow, gate: number): boolean {
  const node = flow.nodes[gate];
  if (node.event?.kind !== 'load' || isOwnershipField(node.event.field)) return false;
  if (!readOnceUnwritten(flow, gate)) return false;
  if (isCompletionCallback(walk.index, flow.fn)) return true;
  const callers = onlyCallers(walk.index, flow.fn);
  if (!callers?.length) return false;
  return callers.every((c) => {
    if (!isCompletionCallback(walk.index, c)) return false;
    const up = walk.flowOf(c);
    const sites = callSites(up, flow.fn.name);
    return sites.length > 0 && sites.every((at) => !reachable(up, at).has(at));
  });
}

/** The status word is read on no cycle of the flow (not polled, not a ring walked), and no store writes its descriptor. */
function readOnceUnwritten(flow: FunctionFlow, gate: number): boolean {
  const g = flow.nodes[gate];
  if (g.event?.kind !== 'load') return false;
  const word = scopedKey(g, g.event.text.replace(/\s+/g, ''));
  const key = scopedKey(g, descriptorKey(g.event.text));
  return flow.nodes.every((n, id) => {
    const e = n.event;
    if (e?.kind === 'store') return scopedKey(n, descriptorKey(e.targetText)) !== key;
    if (e?.kind !== 'load' || scopedKey(n, e.text.replace(/\s+/g, '')) !== word) return true;
    return !reachable(flow, id).has(id);
  });
}
