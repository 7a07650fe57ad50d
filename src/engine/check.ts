// The engine's entry: for the files asked about, build each I/O-touching function's flow graph and run the rules.
import { buildFlow, IoSummaries, type FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import type { FunctionFacts } from '../analysis/facts';
import { ARCHES, type Arch } from './arch';
import { maskOf } from './arch-mask';
import { functionMasks, lineMask, restrictToRegions } from './arch-regions';
import type { Finding, Severity } from './findings';
import { RULES, ruleById, type Rule } from './rules';
import type { ProjectRuleContext } from './rules/rule';
import type { FindingsCache } from './findings-cache';
import type { Topology } from './fabric/types';
import type { DeviceMap } from './fabric-rules/device-map';

export interface RuleSetting { enabled?: boolean; severity?: Severity }

export interface CheckOptions {
  arches?: readonly Arch[];
  rules?: Record<string, RuleSetting>;
  /** Text of a 0-based line, for quick fixes that keep indentation. */
  lineText?: (file: string, line: number) => string | undefined;
  /** PCIe topology for the fabric rules (sharper findings naming BDFs, host bridges, window offsets). */
  topology?: Topology;
  /** Driver names or `vvvv:dddd` -> BDFs in the topology. */
  deviceMap?: DeviceMap;
  /** The architectures a file can be built for (e.g. from Kbuild); a finding keeps only those, or is dropped. */
  buildArches?: (file: string) => readonly Arch[] | undefined;
  /** Told of each function whose per-function rules took at least `slowMs` ms, and of each project rule's time. */
  timing?: { slowMs: number; report: (what: string, ms: number) => void };
}

/**
 * `cache`: findings by function (per-function rules, and per-function project rules), reused while a function's facts
 * (and what it depends on) stay; the editor's, see Project.check.
 */
export function checkFiles(index: ProjectIndex, paths: Iterable<string>, options: CheckOptions = {}, cache?: FindingsCache): Finding[] {
  const session = new CheckSession(index, [...new Set(paths)], options, cache);
  return session.finish([session.part(session.paths)]);
}

/**
 * The per-function share of a check over some of the paths: per-function rules' findings, and each per-function
 * project rule's findings with the time it took. Plain data (the CLI's check threads send it to the main thread).
 */
export interface CheckPart { functions: Finding[]; projectFunctions: Record<string, { findings: Finding[]; ms: number }> }

/**
 * One check of `paths`, done in parts: `part()` runs the per-function work for some of the paths (the memos of the
 * flow summaries and of the fabric context kept from part to part), `finish()` adds the project rules and the filters.
 * Parts given to `finish()` in the order of their paths give the findings one part over all paths gives.
 */
export class CheckSession {
  private readonly io: IoSummaries;
  private readonly mask: number;
  private readonly rules: { rule: Rule; severity: Severity }[];
  /** Flows of functions a rule asks about (callers), kept for a while (a few hundred) so nearby questions reuse them. */
  private readonly flows = new Map<FunctionFacts, FunctionFlow>();

  constructor(readonly index: ProjectIndex, readonly paths: string[], private readonly options: CheckOptions = {}, private readonly cache?: FindingsCache) {
    this.io = new IoSummaries(index);
    this.mask = maskOf(options.arches ?? ARCHES);
    this.rules = activeRules(options.rules);
  }

  part(paths: readonly string[]): CheckPart {
    const out: CheckPart = { functions: [], projectFunctions: {} };
    for (const path of paths) this.checkFunctionsOf(path, out.functions);
    for (const { rule, severity } of this.rules) {
      if (!rule.runProjectFunction) continue;
      const findings: Finding[] = [];
      const t0 = performance.now();
      runEachFunction(rule, this.projectContext(rule, severity, findings), paths, this.cache, findings);
      out.projectFunctions[rule.id] = { findings, ms: performance.now() - t0 };
    }
    return out;
  }

  finish(parts: readonly CheckPart[]): Finding[] {
    const findings = parts.flatMap((p) => p.functions);
    for (const { rule, severity } of this.rules) {
      const t0 = performance.now();
      if (rule.runProjectFunction) findings.push(...parts.flatMap((p) => p.projectFunctions[rule.id]?.findings ?? []));
      else rule.runProject?.(this.projectContext(rule, severity, findings));
      const ms = rule.runProjectFunction ? parts.reduce((n, p) => n + (p.projectFunctions[rule.id]?.ms ?? 0), 0) : performance.now() - t0;
      this.options.timing?.report(`project rule ${rule.id}`, ms);
    }
    const { index, options } = this;
    return reportedInside(restrictToRegions(restrictToBuild(dedupe(findings.map(onOneLine)).filter((f) => !suppressed(index, f) && !inDeadHelper(index, f)), options.buildArches), index));
  }

  /** The context a project rule reports into `findings` through (`paths` always all of the check's, one array). */
  private projectContext(rule: Rule, severity: Severity, findings: Finding[]): ProjectRuleContext {
    const forced = this.options.rules?.[rule.id]?.severity;
    return {
      index: this.index, paths: this.paths, mask: this.mask, topology: this.options.topology, deviceMap: this.options.deviceMap,
      lineText: this.options.lineText ?? (() => undefined),
      report: (f) => findings.push({ ...f, rule: rule.id, severity: forced ?? f.severity ?? severity }),
    };
  }

  private flowOf = (fn: FunctionFacts): FunctionFlow => {
    let f = this.flows.get(fn);
    if (f) return f;
    if (this.flows.size >= 256) this.flows.clear();
    f = buildFlow(this.index, this.io, fn);
    this.flows.set(fn, f);
    return f;
  };

  /** The per-function rules over one file's functions, cached findings reused. */
  private checkFunctionsOf(path: string, findings: Finding[]): void {
    const { index, options, cache, io } = this;
    const facts = index.get(path);
    if (!facts) return;
    const built = options.buildArches?.(path);
    const fileMask = built ? this.mask & maskOf(built) : this.mask;
    if (fileMask === 0) return;
    for (const fn of facts.functions) {
      const cached = cache?.functions.get(fn);
      if (cached) { findings.push(...cached); continue; }
      const start = findings.length;
      const t0 = options.timing ? performance.now() : 0;
      if (!fn.isMacro && io.touchesDevice(fn) && io.hasSourceCandidates(fn)) this.runFunctionRules(fn, fileMask, built, findings);
      if (options.timing) reportSlow(options.timing, `${fn.file}:${fn.span.start.line + 1} ${fn.name}`, t0);
      cache?.functions.set(fn, findings.slice(start));
    }
  }

  /**
   * Runs the per-function rules for the architectures the function's file is built for and its lines are compiled
   * for (messages name only those): once per mask of `functionMasks`, each run keeping the findings on its lines.
   */
  private runFunctionRules(fn: FunctionFacts, fileMask: number, builtFor: readonly Arch[] | undefined, findings: Finding[]): void {
    const { index, options } = this;
    const facts = index.get(fn.file);
    const masks = functionMasks(facts, fn, fileMask);
    if (masks.length === 0) return;
    const flow = buildFlow(index, this.io, fn);
    /** The run a finding belongs to: the mask of its line when that is one of the runs, else the first (outer) one. */
    const runOf = (f: { file: string; span: Finding['span'] }) => {
      const own = f.file === fn.file ? fileMask & lineMask(facts, f.span.start.line) : masks[0];
      return masks.includes(own) ? own : masks[0];
    };
    for (const mask of masks) {
      for (const { rule, severity } of this.rules) {
        rule.run?.({
          flow, mask, index, builtFor, flowOf: this.flowOf,
          lineText: options.lineText ?? (() => undefined),
          report: (f) => {
            if (masks.length !== 1 && runOf(f) !== mask) return;
            const finding = withSettings({ ...f, function: fn.name }, rule, severity, options.rules ?? {});
            if (finding) findings.push(finding);
          },
        });
      }
    }
  }
}

/** A finding under a rule's own id, or under a related id with that id's settings (undefined: that id is off). */
function withSettings(f: Omit<Finding, 'severity' | 'rule'> & { rule?: string }, rule: Rule, severity: Severity, settings: Record<string, RuleSetting>): Finding | undefined {
  const id = f.rule ?? rule.id;
  if (id === rule.id) return { ...f, rule: id, severity };
  if (settings[id]?.enabled === false) return undefined;
  return { ...f, rule: id, severity: settings[id]?.severity ?? ruleById(id)?.defaultSeverity ?? severity };
}

/** Tells `timing` of a function whose rules took at least its threshold since `t0`. */
function reportSlow(timing: NonNullable<CheckOptions['timing']>, what: string, t0: number): void {
  const ms = performance.now() - t0;
  if (ms >= timing.slowMs) timing.report(what, ms);
}

/**
 * A per-function project rule over the functions (not macros) of `paths`, cached ones reused; `findings` is the list
 * `ctx.report` appends to.
 */
function runEachFunction(rule: Rule, ctx: ProjectRuleContext, paths: readonly string[], cache: FindingsCache | undefined, findings: Finding[]): void {
  const cached = cache?.projectRule(rule.id);
  for (const path of paths) {
    for (const fn of ctx.index.get(path)?.functions ?? []) {
      if (fn.isMacro) continue;
      const hit = cached?.get(fn);
      if (hit) { findings.push(...hit); continue; }
      const start = findings.length;
      rule.runProjectFunction!(ctx, fn);
      cached?.set(fn, findings.slice(start));
    }
  }
}

/**
 * A finding inside a header's `static` helper that no analysed file including the header uses (dead-helpers.ts): that
 * code is never compiled. Kept when no analysed .c file includes the header (opened alone, or included from outside).
 */
function inDeadHelper(index: ProjectIndex, f: Finding): boolean {
  if (!f.file.endsWith('.h')) return false;
  const line = f.span.start.line;
  const fn = index.get(f.file)?.functions.find((g) => !g.isMacro && g.span.start.line <= line && line <= g.span.end.line);
  return fn !== undefined && index.deadHeaderHelper(fn);
}

/** Each finding's architectures intersected with those its file is built for; findings left with none are dropped. */
function restrictToBuild(findings: Finding[], buildArches: CheckOptions['buildArches']): Finding[] {
  if (!buildArches) return findings;
  return findings.flatMap((f) => {
    const built = buildArches(f.file);
    if (!built) return [f];
    if (f.arches.length === 0) return built.length ? [f] : []; // an architecture-independent finding
    const arches = f.arches.filter((a) => built.includes(a));
    return arches.length === 0 ? [] : [arches.length === f.arches.length ? f : { ...f, arches }];
  });
}

/**
 * `// fabric-lens-ignore <rule-id>[, <rule-id>]: reason` on the finding's line or the line above silences it, and for
 * a finding about an event inside an inlined helper (`at`), on that event's line or the line above.
 */
function suppressed(index: ProjectIndex, f: Finding): boolean {
  return suppressedAt(index, f.rule, f.file, f.span.start.line) || (!!f.at && suppressedAt(index, f.rule, f.at.file, f.at.span.start.line));
}

function suppressedAt(index: ProjectIndex, rule: string, file: string, line: number): boolean {
  const marks = index.get(file)?.suppressions;
  return !!marks && [line, line - 1].some((l) => marks[l]?.some((id) => id === rule || id === '*'));
}

/**
 * Drops a finding reported at a call about an event inside an inlined helper (`at`) when a function of its chain of
 * helpers reports the same rule about the same event for at least the same architectures: the helper holding it (a
 * finding at the event itself), or a helper between that reaches it with what it knows (vbox_accel_init() passes
 * vbva_enable() the mapping; vbox_hw_init(), which calls vbox_accel_init(), adds nothing). One finding per wrong
 * access, where it is or where the pointer is known, not one more at every call above.
 */
function reportedInside(findings: Finding[]): Finding[] {
  const byEvent = new Map<string, Finding[]>();
  const place = (rule: string, file: string, span: Finding['span']) => `${rule}|${file}|${span.start.line}|${span.start.character}`;
  for (const f of findings) {
    const k = f.at ? place(f.rule, f.at.file, f.at.span) : place(f.rule, f.file, f.span);
    const same = byEvent.get(k);
    if (same) same.push(f);
    else byEvent.set(k, [f]);
  }
  return findings.filter((f) => !f.at || !byEvent.get(place(f.rule, f.at.file, f.at.span))!.some((g) => standsFor(g, f)));
}

/** Whether `g` reports the event `f` reports at a call from a function in `f`'s chain, for all of `f`'s architectures. */
function standsFor(g: Finding, f: Finding): boolean {
  const chain = f.at!.chain;
  const inChain = g.at ? chain.includes(g.function) && g.at.chain.length < chain.length : g.function === chain[chain.length - 1];
  return inChain && f.arches.every((a) => g.arches.includes(a));
}

function activeRules(settings: Record<string, RuleSetting> = {}): { rule: Rule; severity: Severity }[] {
  return RULES.filter((r) => settings[r.id]?.enabled !== false).map((rule) => ({ rule, severity: settings[rule.id]?.severity ?? rule.defaultSeverity }));
}

/**
 * A finding's messages as prose on one line: source text quoted in them may span lines, or keep the blanks of the
 * kernel annotations removed before parsing (`(void __force *)p` reads `(void         *)p`).
 */
function onOneLine(f: Finding): Finding {
  const flat = (m: string) => m.replace(/\s+/g, ' ');
  return { ...f, message: flat(f.message), related: f.related.map((r) => ({ ...r, message: flat(r.message) })) };
}

/** One finding per rule and location: a helper's own report and its callers' reports of the same pair collapse. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<string, string[]>(); // messages by rule and place (no key string copying each message)
  return findings.filter((f) => {
    const place = `${f.rule}|${f.file}|${f.span.start.line}|${f.span.start.character}`;
    const messages = seen.get(place);
    if (!messages) { seen.set(place, [f.message]); return true; }
    if (messages.includes(f.message)) return false;
    messages.push(f.message);
    return true;
  });
}
