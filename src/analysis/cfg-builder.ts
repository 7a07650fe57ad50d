// Builds a function's control-flow graph over I/O events from its tree-sitter body (if/switch/loops/goto/return/#if).
// (Over 400 lines: one builder whose statement and expression walks share the node list, the branch depth, the
// tracked names and the pending result tests; the shapes it recognises and the events calls make live in their own modules.)
import type { Node } from 'web-tree-sitter';
import { CFG_ENTRY, CFG_EXIT, type Cfg, type CfgNode, type Event, type MemberAssign, type PExpr, type VarInfo } from './facts';
import { asmBarrier, UNEVALUATED_CALLS } from './vocabulary';
import { scalarBytes } from './scalar-width';
import { accessBytes, elementOf, pointerTo } from './access-width';
import { localKind, type LocalKind } from './stack-copies';
import { callEvents, memberCallEvent } from './call-events';
import { calleeName, callArgs, clip, declaratorName, namedChildren, namedChildrenExcept, spanOf, typeName, unwrap } from './syntax';
import { castChain, isArrow, mayCarry, storeBase, toPExpr } from './pexpr';
import { narrowStoredLocals, readsVariable } from './reaching-definition';
import { constantTruth, declaresVolatile, isCountingLoop, isMacroLoopBody, overriddenAccess, usedAsTruthValue } from './statement-shapes';
import { implied, mayAssign, resultAssignment, returnKind, truthTest, type ResultKind } from './result-tests';
import { CallBounds } from './call-guards';
import { LabelKnowledge } from './label-knowledge';
import { IdentifierIndex, loadUses } from './value-uses';
import { markScalarCopy } from './scalar-copy';
import { conditionExits, markTestedLoads, MAY_HAVE_EVENTS, uniq } from './condition-exits';
import { trackedCondition, trackedNames, trackedSubject, writtenValue } from './tracked-values';
import { branchTargets, type BranchTargets } from './preproc-conditions';
import { KBUILD_ARCHES, type KbuildArch } from './kbuild';

type Exits = number[];
interface Jumps { breaks: number[]; continues: number[] }

/** Everything one walk of a function body collects: the graph plus flow-insensitive variable facts. */
export interface BodyFacts { cfg: Cfg; locals: Record<string, VarInfo>; memberAssigns: MemberAssign[]; returns: PExpr[] }

export class CfgBuilder {
  private readonly nodes: CfgNode[] = [{ succ: [] }, { succ: [] }];
  private readonly labels = new Map<string, number>();
  private readonly gotos: { from: Exits; label: string }[] = [];
  /** Depth of condition expressions being walked: loads there are gates (status/ownership checks). */
  private conditionDepth = 0;
  /** The variable a call's result was just assigned to, when the next statement is an `if` testing it. */
  private testedResult?: string;
  /**
   * What the enclosing branches say about variables (`if (err) return err;`: nonzero there), asked only by a return of
   * that variable; whether the branch may change it is checked then, once (its text is costly to read).
   */
  private readonly known = new Map<string, () => ResultKind | undefined>();
  /** What gotos say at the labels they go to (label-knowledge.ts). */
  private labelKnowledge?: LabelKnowledge;
  /** Member stores whose value is a local (`s->m = p`), narrowed to the local's reaching definition at the end. */
  private readonly storedFromLocal: { at: number; right: Node }[] = [];
  /** The local variable the expression being walked is assigned to, if any. */
  private valueTarget?: string;
  private returning = false;
  private readonly conditionTexts: string[] = [];
  /** Lower bounds enclosing branches give the scalars calls pass (call-guards.ts). */
  readonly callBounds = new CallBounds();
  readonly locals: Record<string, VarInfo> = {};
  readonly memberAssigns: MemberAssign[] = [];
  readonly returns: PExpr[] = [];
  /** Local name -> how its latest declaration declares it (an object on the stack, an array of them, a pointer). */
  private readonly localKinds = new Map<string, LocalKind>();
  /** Pointer locals and parameters -> the width of what they point to (`u16 *p`: 2), where the type says. */
  readonly pointeeBytes: Record<string, number> = {};
  private ids!: IdentifierIndex;
  /** Variables whose every write gets a `def` node, because a condition tests them (tracked-values.ts). */
  private tracked = new Set<string>();
  /** Local name -> declarations seen (a `static` one counts twice): a variable is tracked only when declared once. */
  private readonly declared = new Map<string, number>();

  /** `params`: the function's parameter names; branches on them get `assume` nodes (see CfgNode). */
  constructor(private readonly file: string, private readonly params: readonly string[] = []) {}

  build(body: Node): BodyFacts {
    this.callBounds.body = body;
    this.ids = new IdentifierIndex(body);
    this.tracked = trackedNames(body.text);
    this.labelKnowledge = new LabelKnowledge(body);
    const exits = this.stmt(body, [CFG_ENTRY], { breaks: [], continues: [] });
    this.link(exits, CFG_EXIT);
    for (const g of this.gotos) {
      const target = this.labels.get(g.label);
      this.link(g.from, target ?? CFG_EXIT);
    }
    markTestedLoads(this.nodes, this.conditionTexts);
    narrowStoredLocals(this.storedFromLocal, this.memberAssigns, (name) => (this.locals[name]?.values.length ?? 0) < 2 && !this.params.includes(name), this.file);
    const tracked = [...this.tracked].filter((n) => (this.declared.get(n) ?? 0) + (this.params.includes(n) ? 1 : 0) === 1);
    const cfg = tracked.length ? { nodes: this.nodes, tracked } : { nodes: this.nodes };
    return { cfg, locals: this.locals, memberAssigns: this.memberAssigns, returns: this.returns };
  }

  private add(event?: Event): number {
    if (event) this.callBounds.guard(event);
    this.nodes.push(event ? { event, succ: [] } : { succ: [] });
    return this.nodes.length - 1;
  }

  private link(from: Exits, to: number): void {
    for (const f of from) if (!this.nodes[f].succ.includes(to)) this.nodes[f].succ.push(to);
  }

  private emit(preds: Exits, event: Event): Exits {
    const id = this.add(event);
    this.link(preds, id);
    return [id];
  }

  private join(preds: Exits): number {
    const id = this.add();
    this.link(preds, id);
    return id;
  }

  private seq(nodes: Node[], preds: Exits, j: Jumps): Exits {
    let cur = preds;
    nodes.forEach((n, i) => {
      cur = isMacroLoopBody(n, nodes[i - 1]) ? this.macroLoopBody(n, cur) : this.stmt(n, cur, j);
      this.markResultCall(n, nodes[i + 1], cur);
    });
    return cur;
  }

  /**
   * The block of an iterator macro (`list_for_each_entry(pos, head, member) { ... }`, parsed as a call missing its `;`
   * and a block): followed once, like the rest of the flow, with its `continue` and `break` leaving the block. They
   * would otherwise jump to an enclosing loop or, with none, nowhere (a dead end no path goes on from).
   */
  private macroLoopBody(node: Node, preds: Exits): Exits {
    const inner: Jumps = { breaks: [], continues: [] };
    // Followed once with no back edge: a later turn may enter with anything the block writes changed.
    const entry = this.tracked.size ? this.add() : undefined;
    if (entry !== undefined) { this.nodes[entry].havoc = true; this.link(preds, entry); }
    const start = entry === undefined ? preds : [entry];
    return this.callBounds.inLoop(node, () => [...this.stmt(node, start, inner), ...inner.continues, ...inner.breaks]);
  }

  /** `v = f(...);` followed by `if (<test of v>)`: the call's node carries `resultVar` and the `if` gets assume nodes. */
  private markResultCall(stmt: Node, next: Node | undefined, exits: Exits): void {
    const r = next?.type === 'if_statement' ? resultAssignment(stmt) : undefined;
    const cond = next?.childForFieldName('condition')?.text;
    if (!r || !cond || truthTest(cond)?.name !== r.name || exits.length !== 1) return;
    const e = this.nodes[exits[0]].event;
    if (e?.kind !== 'call' || e.callee !== r.callee) return;
    e.resultVar = r.name;
    this.testedResult = r.name;
  }

  stmt(node: Node, preds: Exits, j: Jumps): Exits {
    switch (node.type) {
      case 'compound_statement': return this.seq(namedChildren(node), preds, j);
      case 'expression_statement': return this.exprChildren(node, preds);
      case 'declaration': return this.declaration(node, preds);
      case 'if_statement': return this.ifStmt(node, preds, j);
      case 'while_statement': return this.loop(node, preds, 'while');
      case 'do_statement': return this.loop(node, preds, 'do');
      case 'for_statement': return this.loop(node, preds, 'for');
      case 'switch_statement': return this.switchStmt(node, preds, j);
      case 'case_statement': return this.seq(namedChildrenExcept(node, 'value'), preds, j);
      case 'return_statement': return this.returnStmt(node, preds);
      case 'break_statement': j.breaks.push(...preds); return [];
      case 'continue_statement': j.continues.push(...preds); return [];
      case 'goto_statement': return this.gotoStmt(node, preds);
      case 'labeled_statement': return this.labeled(node, preds, j);
      case 'preproc_if': case 'preproc_ifdef': case 'preproc_elif': case 'preproc_elifdef': return this.preprocIf(node, preds, j);
      case 'preproc_else': return this.seq(namedChildren(node), preds, j);
      case 'comment': case 'preproc_def': case 'preproc_function_def': case 'preproc_call': case 'preproc_include': return preds;
      case 'ERROR': return this.seq(namedChildren(node), preds, j);
      default: return this.expr(node, preds);
    }
  }

  private exprChildren(node: Node, preds: Exits): Exits {
    let cur = preds;
    for (const c of namedChildren(node)) cur = this.expr(c, cur);
    return cur;
  }

  private gotoStmt(node: Node, preds: Exits): Exits {
    const label = node.childForFieldName('label')?.text ?? '';
    this.gotos.push({ from: preds, label });
    this.labelKnowledge?.goto(label, this.known);
    return [];
  }

  private labeled(node: Node, preds: Exits, j: Jumps): Exits {
    this.labelKnowledge?.enter(node, preds.length > 0, this.known);
    const head = this.join(preds);
    const label = node.childForFieldName('label')?.text;
    if (label) this.labels.set(label, head);
    const inner = namedChildren(node).filter((c) => c.type !== 'statement_identifier');
    return this.seq(inner, [head], j);
  }

  private ifStmt(node: Node, preds: Exits, j: Jumps): Exits {
    const cond = node.childForFieldName('condition');
    const tested = this.testedResult;
    this.testedResult = undefined;
    const targets = cond ? branchTargets(cond.text) : undefined;
    if (targets && (targets.mayHold.length === 0 || targets.mayFail.length === 0)) return this.kconfigIf(node, cond!, targets.mayHold.length > 0, preds, j);
    const afterCond = this.branches(cond, preds);
    const test = cond ? truthTest(cond.text) : undefined;
    const guard = this.paramGuard(cond) ?? (test && test.name === tested ? cond!.text : undefined) ?? trackedCondition(cond?.text, this.tracked);
    const alt = node.childForFieldName('alternative');
    // `if (h->ops->read_l) return h->ops->read_l(h, reg); else return readl_relaxed(h->mmio + reg);`: the hook
    // overrides the register access and performs it in its own way; read it as the default access.
    const hooked = alt ? overriddenAccess(node) : undefined;
    const consequence = hooked ?? node.childForFieldName('consequence')!;
    const thenIn = this.assume(this.onlyOn(afterCond.t, targets?.mayHold), guard, true);
    const thenExits = this.callBounds.within(cond, true, consequence, () => this.knowing(test, true, consequence, () => this.stmt(consequence, thenIn, j)));
    const elseIn = this.assume(this.onlyOn(afterCond.f, targets?.mayFail), guard, false);
    const elseExits = alt ? this.callBounds.within(cond, false, alt, () => this.knowing(test, false, alt, () => this.seq(namedChildren(alt), elseIn, j))) : elseIn;
    return [...thenExits, ...elseExits];
  }

  /**
   * An `if` whose condition Kconfig decides alike on every target (preproc-conditions.ts branchTargets): only the
   * branch compiled code takes is built, after the condition's own evaluation (`readl(p) || IS_ENABLED(CONFIG_64BIT)`
   * still reads), like an `#if` chain every target resolves the same way.
   */
  private kconfigIf(node: Node, cond: Node, holds: boolean, preds: Exits, j: Jumps): Exits {
    const afterCond = this.branches(cond, preds);
    if (holds) return this.stmt(node.childForFieldName('consequence')!, afterCond.t, j);
    const alt = node.childForFieldName('alternative');
    return alt ? this.seq(namedChildren(alt), afterCond.f, j) : afterCond.f;
  }

  /** Builds a branch knowing what its condition says about the tested variable (unless the branch may change it). */
  private knowing(test: { name: string; whenTrue: ResultKind } | undefined, holds: boolean, branch: Node, build: () => Exits): Exits {
    if (!test) return build();
    const before = this.known.get(test.name);
    let kind: ResultKind | null | undefined;
    this.known.set(test.name, () => (kind ??= mayAssign(branch, test.name) ? null : implied(test, holds)) ?? undefined);
    try { return build(); } finally { if (before === undefined) this.known.delete(test.name); else this.known.set(test.name, before); }
  }

  /** A condition's text (outer parentheses removed) when it names a parameter, else undefined. */
  private paramGuard(cond: Node | null): string | undefined {
    if (!cond || this.params.length === 0) return undefined;
    const inner = cond.type === 'parenthesized_expression' && cond.namedChildCount === 1 ? cond.namedChild(0)! : cond;
    const text = inner.text;
    return this.params.some((p) => new RegExp(`\\b${p}\\b`).test(text)) ? text : undefined;
  }

  /**
   * A write of a tracked variable: a node carrying the value written when the shape says it (else unknown). `v = f(...)`
   * puts it on the call's own node (created since `start`), so `if (v)` still directly follows the call (result-tests.ts).
   */
  private defNode(preds: Exits, name: string | undefined, op: string, value: Node | null | undefined, start = this.nodes.length): Exits {
    if (!name || !this.tracked.has(name)) return preds;
    const last = preds.length === 1 && preds[0] >= start ? this.nodes[preds[0]] : undefined;
    const id = last?.event?.kind === 'call' && !last.def ? preds[0] : this.add();
    // What a plain `=` stores (its origins tell which writes may give the variable device memory); a declaration
    // without one stores nothing; any other write keeps an unknown part of the old value.
    const expr = op === '=' ? toPExpr(value ?? null, this.file) : undefined;
    this.nodes[id].def = { name, value: writtenValue(op, value?.text), ...(expr ? { expr } : {}) };
    if (id === preds[0]) return preds;
    this.link(preds, id);
    return [id];
  }

  /** The entry of a branch taken when `cond` is `holds` (an `assume` node), or `preds` itself when there is no guard. */
  private assume(preds: Exits, cond: string | undefined, holds: boolean): Exits {
    if (cond === undefined) return preds;
    const id = this.nodes.push({ succ: [], assume: { cond, holds } }) - 1;
    this.link(preds, id);
    return [id];
  }

  /**
   * The entry of a branch only some targets take (a node naming them: the path analysis carries only their
   * obligations through it), or `preds` itself when all four may.
   */
  private onlyOn(preds: Exits, targets: readonly KbuildArch[] | undefined): Exits {
    if (!targets || targets.length === KBUILD_ARCHES.length) return preds;
    const id = this.nodes.push({ succ: [], onlyOn: [...targets] }) - 1;
    this.link(preds, id);
    return [id];
  }

  /** An `#if` chain left in a body (targets differ, or it is unknown): each branch entered on the targets that may compile it. */
  private preprocIf(node: Node, preds: Exits, j: Jumps): Exits {
    const targets = directiveTargets(node);
    const alt = node.childForFieldName('alternative');
    const body = namedChildrenExcept(node, 'alternative', 'condition', 'name');
    const thenExits = this.seq(body, this.onlyOn(preds, targets?.mayHold), j);
    const elseIn = this.onlyOn(preds, targets?.mayFail);
    const elseExits = alt ? this.stmt(alt, elseIn, j) : elseIn;
    return [...thenExits, ...elseExits];
  }

  private loop(node: Node, preds: Exits, kind: 'while' | 'do' | 'for'): Exits {
    return this.callBounds.inLoop(node, () => this.loopFlow(node, preds, kind));
  }

  private loopFlow(node: Node, preds: Exits, kind: 'while' | 'do' | 'for'): Exits {
    const inner: Jumps = { breaks: [], continues: [] };
    if (kind === 'for') preds = this.forInit(node, preds);
    if (kind === 'for' && isCountingLoop(node)) return this.countingLoop(node, preds, inner);
    const head = this.join(preds);
    const cond = node.childForFieldName('condition');
    const constant = constantTruth(cond);
    if (kind === 'do') {
      const bodyExits = this.stmt(node.childForFieldName('body')!, [head], inner);
      const condExits = this.branches(cond, [...bodyExits, ...inner.continues]);
      if (constant !== false) this.link(condExits.t, head);
      return [...(constant === true ? [] : condExits.f), ...inner.breaks];
    }
    const condExits = this.branches(cond, [head]);
    const bodyExits = this.stmt(node.childForFieldName('body')!, condExits.t, inner);
    const update = kind === 'for' ? this.expr(node.childForFieldName('update'), [...bodyExits, ...inner.continues]) : [...bodyExits, ...inner.continues];
    this.link(update, head);
    const falls = cond === null || constant === true ? [] : condExits.f;
    return [...falls, ...inner.breaks];
  }

  /**
   * `for (i = a; i < n; i++) body`, rotated: the condition, then either the zero-trip exit (a node marked `zeroTrip`)
   * or the body, the update and the condition again, whose false branch is the exit after one or more iterations.
   * The path analysis treats the zero-trip exit as not taken (counting loops run at least once), so a barrier or an
   * ordered access every iteration performs (a writel() copy loop) orders what came before the loop.
   */
  private countingLoop(node: Node, preds: Exits, inner: Jumps): Exits {
    const cond = node.childForFieldName('condition');
    const first = this.branches(cond, preds);
    const skip = this.add();
    this.nodes[skip].zeroTrip = true;
    this.link(first.f, skip);
    const head = this.join(first.t);
    const bodyExits = this.stmt(node.childForFieldName('body')!, [head], inner);
    const update = this.expr(node.childForFieldName('update'), [...bodyExits, ...inner.continues]);
    const again = this.branches(cond, update);
    this.link(again.t, head);
    return [skip, ...again.f, ...inner.breaks];
  }

  private forInit(node: Node, preds: Exits): Exits {
    const init = node.childForFieldName('initializer');
    if (!init) return preds;
    return init.type === 'declaration' ? this.declaration(init, preds) : this.expr(init, preds);
  }

  private switchStmt(node: Node, preds: Exits, j: Jumps): Exits {
    const afterCond = this.condition(node.childForFieldName('condition'), preds);
    const inner: Jumps = { breaks: [], continues: j.continues };
    const body = node.childForFieldName('body');
    let fall: Exits = [];
    let hasDefault = false;
    const switched = node.childForFieldName('condition');
    const subject = this.paramGuard(switched) ?? trackedSubject(switched?.text, this.tracked);
    const children = body ? namedChildren(body) : [];
    const values = children.flatMap((c) => (c.type === 'case_statement' && c.childForFieldName('value') ? [c.childForFieldName('value')!.text] : []));
    const anyCase = subject && values.length ? values.map((v) => `${subject} == ${v}`).join(' || ') : undefined;
    for (const c of children) {
      if (c.type === 'case_statement') {
        const value = c.childForFieldName('value')?.text;
        if (value === undefined) hasDefault = true;
        const taken = value === undefined ? this.assume(afterCond, anyCase, false) : this.assume(afterCond, subject && `${subject} == ${value}`, true);
        fall = this.stmt(c, [...taken, ...fall], inner);
      } else fall = this.stmt(c, fall, inner);
    }
    return [...fall, ...inner.breaks, ...(hasDefault ? [] : this.assume(afterCond, anyCase, false))];
  }

  private returnStmt(node: Node, preds: Exits): Exits {
    const value = node.namedChild(0);
    let cur = preds;
    if (value) {
      this.returning = true;
      try { cur = this.expr(value, preds); } finally { this.returning = false; }
      const p = toPExpr(unwrap(value), this.file);
      if (mayCarry(p)) this.returns.push(p);
    }
    const result = value ? returnKind(value.text, (name) => this.known.get(name)?.()) : undefined;
    const tested = result !== undefined && unwrap(value!).type === 'identifier' ? { tested: true as const } : {};
    cur = this.emit(cur, result ? { kind: 'return', result, span: spanOf(node), ...tested } : { kind: 'return', span: spanOf(node) });
    this.link(cur, CFG_EXIT);
    return [];
  }

  private declaration(node: Node, preds: Exits): Exits {
    const type = typeName(node.childForFieldName('type'));
    const isVolatile = declaresVolatile(node);
    const isStatic = namedChildren(node).some((c) => c.type === 'storage_class_specifier' && c.text === 'static');
    let cur = preds;
    for (const d of node.childrenForFieldName('declarator')) {
      if (!d) continue;
      const name = declaratorName(d);
      if (!name) continue;
      const info = (this.locals[name] ??= { type, values: [] });
      this.localKinds.set(name, localKind(d));
      if (isVolatile) info.volatile = true;
      const bytes = pointerTo(d) ? scalarBytes(node.childForFieldName('type')?.text) : undefined;
      if (bytes) this.pointeeBytes[name] = bytes;
      const plain = (d.type === 'init_declarator' ? d.childForFieldName('declarator') : d)?.type === 'identifier';
      this.callBounds.noteWidth(name, plain ? scalarBytes(node.childForFieldName('type')?.text) : undefined);
      this.declared.set(name, (this.declared.get(name) ?? 0) + (isStatic ? 2 : 1));
      const value = d.type === 'init_declarator' ? d.childForFieldName('value') : null;
      const start = this.nodes.length;
      if (value) cur = this.withTarget(name, () => this.expr(value, cur));
      cur = this.defNode(cur, name, '=', value, start);
      const p = toPExpr(value, this.file);
      if (value && mayCarry(p)) info.values.push(p);
    }
    return cur;
  }

  private condition(node: Node | null, preds: Exits): Exits {
    const { t, f } = this.branches(node, preds);
    return uniq([...t, ...f]);
  }

  /**
   * A branch condition's exits when it holds (`t`) and when it does not (`f`). Short-circuit operators split them:
   * `a && b` holds only after `b` was evaluated, `a || b` fails only after it (`while (budget && is_new(r, q))` enters
   * its body through the call); `!`, parentheses, likely() and unlikely() are seen through.
   */
  private branches(node: Node | null, preds: Exits): { t: Exits; f: Exits } {
    if (node) this.conditionTexts.push(node.text);
    this.conditionDepth++;
    try { return conditionExits(node, preds, (n, p) => this.expr(n, p)); } finally { this.conditionDepth--; }
  }

  /** Emits the events of an expression in evaluation order. */
  private expr(node: Node | null, preds: Exits): Exits {
    if (!node || !MAY_HAVE_EVENTS.test(node.text)) return preds;
    switch (node.type) {
      case 'field_expression': return this.load(node, preds);
      case 'subscript_expression': return this.load(node, this.expr(node.childForFieldName('index'), preds));
      case 'pointer_expression':
        if (node.child(0)?.type === '&') return this.addressOf(node.childForFieldName('argument'), preds);
        return this.load(node, preds);
      case 'sizeof_expression': case 'alignof_expression': case 'offsetof_expression': return preds;
      case 'call_expression': return this.call(node, preds);
      case 'gnu_asm_expression': return this.inlineAsm(node, preds);
      case 'assignment_expression': return this.assignment(node, preds);
      case 'update_expression': return this.update(node, preds);
      case 'binary_expression': {
        const op = node.childForFieldName('operator')?.type;
        const left = this.expr(node.childForFieldName('left'), preds);
        const right = this.expr(node.childForFieldName('right'), left);
        return op === '&&' || op === '||' ? uniq([...left, ...right]) : right;
      }
      case 'conditional_expression': return this.conditional(node, preds);
      case 'identifier': case 'number_literal': case 'string_literal': case 'field_identifier': case 'true': case 'false': case 'null':
        return preds;
      default: return this.exprChildren(node, preds);
    }
  }

  /**
   * `c ? a : b`. When neither arm has events and the whole is not itself tested, the condition only selects a value
   * (`classes = (pd->flags & CLASS_2) ? X : Y`): its loads are data reads, not branch decisions, unless the local
   * they are assigned to is tested later.
   */
  private conditional(node: Node, preds: Exits): Exits {
    const start = this.nodes.length;
    const c = this.branches(node.childForFieldName('condition'), preds);
    const mid = this.nodes.length;
    const out = uniq([...this.expr(node.childForFieldName('consequence'), c.t), ...this.expr(node.childForFieldName('alternative'), c.f)]);
    if (this.nodes.length !== mid || this.conditionDepth > 0) return out;
    for (let i = start; i < mid; i++) {
      const e = this.nodes[i].event;
      if (e?.kind === 'load') e.inCondition = false;
    }
    return out;
  }

  /** A read through a pointer (`p->f`, `p[i]`, `*p`): the pointer's own sub-expressions first, then the load. */
  private load(node: Node, preds: Exits): Exits {
    const cur = this.lvalueSubexprs(node, preds);
    const base = storeBase(node, this.file);
    if (!base) return cur;
    const field = node.type === 'field_expression' ? node.childForFieldName('field')?.text : undefined;
    return this.emit(cur, {
      ...elementOf(node, this.file),
      kind: 'load', base, field, text: clip(node.text), inCondition: this.conditionDepth > 0, span: spanOf(node), ...accessBytes(node, this.pointeeBytes),
      into: this.valueTarget, returned: this.returning || undefined, volatile: this.isVolatileAccess(node.text) || undefined,
      ...(usedAsTruthValue(node) ? { truth: true as const } : loadUses(node, this.ids)),
    });
  }

  /** `&p->f` and `&p[i]` compute an address and read nothing; only calls inside (index expressions) produce events. */
  private addressOf(node: Node | null, preds: Exits): Exits {
    if (!node) return preds;
    const n = unwrap(node);
    if (n.type === 'field_expression') return this.addressOf(n.childForFieldName('argument'), preds);
    if (n.type === 'subscript_expression') return this.expr(n.childForFieldName('index'), this.addressOf(n.childForFieldName('argument'), preds));
    return this.expr(n, preds);
  }

  /** An inline-asm fence counts as the kernel barrier defined with the same instruction; other asm has no event. */
  private inlineAsm(node: Node, preds: Exits): Exits {
    const api = asmBarrier(node.childForFieldName('assembly_code')?.text ?? '');
    return api ? this.emit(preds, { kind: 'barrier', api, span: spanOf(node), asm: true }) : preds;
  }

  private call(node: Node, preds: Exits): Exits {
    if (UNEVALUATED_CALLS.test(calleeName(node) ?? '')) return preds;
    const args = callArgs(node);
    let cur = preds;
    for (const a of args) cur = this.expr(a, cur);
    if (castChain(node)) return cur; // `(u32)(x)`: a cast tree-sitter reads as a call, not a call of `u32`
    const name = calleeName(node);
    if (!name) {
      const after = this.expr(node.childForFieldName('function'), cur);
      const event = memberCallEvent(node, args, this.file, this.conditionDepth > 0);
      return event ? this.emit(after, event) : after;
    }
    const scope = { file: this.file, inCondition: this.conditionDepth > 0, localKinds: this.localKinds, locals: this.locals, memberAssigns: this.memberAssigns };
    for (const event of markScalarCopy(callEvents(node, name, args, scope), node, name, this.ids, this.pointeeBytes)) cur = this.emit(cur, event);
    return cur;
  }

  /** An access through a pointer declared `volatile T *` (a local or parameter), or through a `(volatile T *)` cast. */
  private isVolatileAccess(text: string): boolean {
    if (/\(\s*volatile\b/.test(text)) return true;
    const root = /^[(\s*]*([A-Za-z_]\w*)/.exec(text)?.[1];
    return root !== undefined && this.locals[root]?.volatile === true;
  }

  private withTarget<T>(name: string | undefined, walk: () => T): T {
    const saved = this.valueTarget;
    this.valueTarget = name;
    try { return walk(); } finally { this.valueTarget = saved; }
  }

  private assignment(node: Node, preds: Exits): Exits {
    const left = node.childForFieldName('left')!;
    const right = node.childForFieldName('right');
    const target = unwrap(left).type === 'identifier' ? unwrap(left).text : undefined;
    const start = this.nodes.length;
    const cur = this.withTarget(target, () => this.expr(right, this.lvalueSubexprs(left, preds)));
    this.recordAssignment(left, right);
    const op = node.childForFieldName('operator')?.text;
    return this.defNode(this.storeEvent(left, node, cur, right, op && op !== '=' ? op : undefined), target, op ?? '=', right, start);
  }

  private update(node: Node, preds: Exits): Exits {
    const arg = node.childForFieldName('argument');
    return arg ? this.defNode(this.storeEvent(arg, node, preds), unwrap(arg).type === 'identifier' ? unwrap(arg).text : undefined, '++', undefined) : preds;
  }

  /** What an assignment's target reads before it writes: the pointers it goes through and index expressions. */
  private lvalueSubexprs(left: Node, preds: Exits): Exits {
    const l = unwrap(left);
    switch (l.type) {
      case 'field_expression':
        return isArrow(l) ? this.expr(l.childForFieldName('argument'), preds) : this.lvalueSubexprs(l.childForFieldName('argument')!, preds);
      case 'subscript_expression': return this.expr(l.childForFieldName('argument'), this.expr(l.childForFieldName('index'), preds));
      case 'pointer_expression': return this.expr(l.childForFieldName('argument'), preds);
      default: return preds;
    }
  }

  /** `op`: the operator of a compound assignment (`&=`): the value stored is then not `value` itself. */
  private storeEvent(lhs: Node, whole: Node, preds: Exits, value?: Node | null, op?: string): Exits {
    const base = storeBase(lhs, this.file);
    if (!base) return preds;
    return this.emit(preds, {
      ...elementOf(unwrap(lhs), this.file),
      kind: 'store', base, targetText: lhs.text, span: spanOf(whole), volatile: this.isVolatileAccess(lhs.text) || undefined, ...accessBytes(lhs, this.pointeeBytes),
      value: value ? toPExpr(value, this.file) : undefined, valueText: value ? clip(value.text) : undefined, ...(op ? { op } : {}),
    });
  }

  private recordAssignment(left: Node, right: Node | null): void {
    const l = unwrap(left);
    const value = toPExpr(right, this.file);
    if (!mayCarry(value)) return;
    if (l.type === 'identifier') (this.locals[l.text] ??= { values: [] }).values.push(value);
    else if (l.type === 'field_expression') {
      const field = l.childForFieldName('field')?.text;
      if (!field) return;
      this.memberAssigns.push({ base: toPExpr(l.childForFieldName('argument'), this.file), field, value });
      if (right && readsVariable(value)) this.storedFromLocal.push({ at: this.memberAssigns.length - 1, right });
    }
  }
}

/** The targets that may compile an `#if`/`#ifdef`/`#elif` branch and its alternative (preproc-conditions.ts). */
function directiveTargets(node: Node): BranchTargets | undefined {
  const name = node.childForFieldName('name');
  if (name) return branchTargets(name.text, node.child(0)?.type.replace('#', '') ?? 'ifdef');
  const cond = node.childForFieldName('condition');
  return cond ? branchTargets(cond.text, 'if') : undefined;
}
