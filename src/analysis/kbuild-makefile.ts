// kbuild Makefiles: which objects each `obj-$(CONFIG_X)` line builds, under which ifdef/ifeq conditions.
import { and, logicalLines, MAYBE, not, or, TRUE, type Expr } from './kbuild-syntax';

export interface MakeAssignment { owner: string; cond: Expr; objects: string[] }
export interface Makefile { assignments: MakeAssignment[] }

/** Owners whose lists are build goals themselves (not composite objects). */
const GOAL_OWNERS = new Set(['obj', 'lib', 'subdir']);

/** `owner-suffix (+= | := | =) words`, where suffix is y, m, objs or $(CONFIG_FOO). */
const ASSIGN = /^([A-Za-z0-9_.\/-]+?)-(y|m|objs|\$\(CONFIG_([A-Za-z0-9_]+)\))\s*(?:\+|:|\?)?=\s*(.*)$/;

/** kbuild assignments, with `ifdef`/`ifeq` blocks folded into each one's condition. */
export function parseMakefile(text: string): Makefile {
  const assignments: MakeAssignment[] = [];
  const stack: { cond: Expr; negated: boolean }[] = [];
  for (const raw of logicalLines(text)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const cm = /^(ifdef|ifndef|ifeq|ifneq)\b\s*(.*)$/.exec(line);
    if (cm) { stack.push({ cond: makeCondition(cm[1], cm[2]), negated: false }); continue; }
    if (/^else\b/.test(line)) { const top = stack[stack.length - 1]; if (top) top.negated = true; continue; }
    if (/^endif\b/.test(line)) { stack.pop(); continue; }
    const m = ASSIGN.exec(line);
    if (!m) continue;
    const [, owner, suffix, sym, words] = m;
    const suffixCond: Expr = sym ? { k: 'sym', name: sym } : TRUE;
    const blockCond = stack.reduce<Expr>((acc, b) => and(acc, b.negated ? negateBlock(b.cond) : b.cond), TRUE);
    const objects = words.split(/\s+/).filter((w) => /^[A-Za-z0-9_.,+\/-]+$/.test(w) && (w.endsWith('.o') || w.endsWith('/')));
    assignments.push({ owner: owner.replace(/-objs$/, ''), cond: and(blockCond, suffix === 'objs' ? TRUE : suffixCond), objects });
  }
  return { assignments };
}

/** `include`/`-include`/`sinclude` lines of a Makefile: make reads the named files' text in their place. */
const INCLUDE = /^[ \t]*(?:-?include|sinclude)[ \t]+([^#\n]*)$/gm;

/**
 * A Makefile's text with each `include` of a file in the tree replaced by that file's text, as make reads it (under the
 * enclosing ifdef/ifeq): i915/Makefile:345 `include $(src)/gvt/Makefile` lists kvmgt.o's parts. `dir` is the including
 * Makefile's root-relative directory ('' for the root), which `$(src)`/`$(obj)` stay in nested includes too; `read`
 * gives a root-relative file's text. A path naming another variable (`$(AMD_DC)`), or a file not found, is left out.
 */
export function expandIncludes(text: string, dir: string, read: (rel: string) => string | undefined, depth = 0): string {
  if (depth > 4 || !/^[ \t]*(?:-?include|sinclude)[ \t]/m.test(text)) return text;
  return text.replace(INCLUDE, (_, words: string) => words.trim().split(/\s+/).map((w) => {
    const rel = includedPath(w, dir);
    const included = rel === undefined ? undefined : read(rel);
    return included === undefined ? '' : expandIncludes(included, dir, read, depth + 1);
  }).join('\n'));
}

/** An include's root-relative path: `$(src)`/`$(obj)` are the including directory, `$(srctree)` the root (make runs there). */
function includedPath(word: string, dir: string): string | undefined {
  const path = word.replace(/^\$[({](?:src|obj)[)}]/, dir === '' ? '.' : dir).replace(/^\$[({]srctree[)}]\/?/, '');
  if (!path || path.includes('$')) return undefined;
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') { if (!parts.pop()) return undefined; } else if (p && p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** An `else` of a block whose condition we only guessed (maybe) stays maybe. */
function negateBlock(c: Expr): Expr {
  return c === MAYBE ? MAYBE : not(c);
}

/** `ifdef CONFIG_X`, `ifeq ($(CONFIG_X),y)`, `ifneq ($(CONFIG_X),)` ...; anything else is "maybe". */
function makeCondition(kw: string, arg: string): Expr {
  if (kw === 'ifdef' || kw === 'ifndef') {
    const m = /^CONFIG_([A-Za-z0-9_]+)$/.exec(arg.trim());
    if (!m) return MAYBE;
    const s: Expr = { k: 'sym', name: m[1] };
    return kw === 'ifdef' ? s : not(s);
  }
  const args = /^\(\s*([^,]*?)\s*,\s*([^,]*?)\s*\)$/.exec(arg.trim());
  if (!args) return MAYBE;
  const symOf = (x: string) => /^\$\(CONFIG_([A-Za-z0-9_]+)\)$/.exec(x)?.[1];
  const [name, value] = symOf(args[1]) ? [symOf(args[1]), args[2]] : [symOf(args[2]), args[1]];
  if (!name || !/^[ymn]?$/.test(value)) return MAYBE;
  const s: Expr = { k: 'sym', name };
  const set = value === '' || value === 'n' ? not(s) : s; // ($(CONFIG_X),) and ($(CONFIG_X),n) test "unset"
  return kw === 'ifeq' ? set : value === 'm' ? MAYBE : not(set);
}

/** The condition under which a Makefile builds `name` (`x.o` or `dir/`), or undefined when it never names it. */
export function objectCondition(mk: Makefile, name: string, depth = 0): Expr | undefined {
  if (depth > 8) return MAYBE;
  let cond: Expr | undefined;
  for (const a of mk.assignments) {
    if (!a.objects.includes(name) || a.owner === name.replace(/\.o$/, '')) continue;
    const owner = GOAL_OWNERS.has(a.owner) ? TRUE : objectCondition(mk, `${a.owner}.o`, depth + 1) ?? MAYBE;
    const c = and(a.cond, owner);
    cond = cond ? or(cond, c) : c;
  }
  return cond;
}

/**
 * The composite objects (`foo-y := a.o b.o`, `foo-objs`) a Makefile builds `object` into, each as all its member
 * objects (the object itself included); undefined when the object is a goal of its own too (`obj-y += a.o`) or is in
 * no composite.
 */
export function compositeMembers(mk: Makefile, object: string): string[][] | undefined {
  const owners = new Set<string>();
  for (const a of mk.assignments) {
    if (!a.objects.includes(object)) continue;
    if (GOAL_OWNERS.has(a.owner)) return undefined;
    owners.add(a.owner);
  }
  if (owners.size === 0) return undefined;
  const members = (owner: string) => mk.assignments.filter((a) => a.owner === owner).flatMap((a) => a.objects.filter((o) => o.endsWith('.o')));
  return [...owners].map((o) => [...new Set(members(o))]);
}
