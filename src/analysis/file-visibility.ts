// Which analysed files see which: local headers a file includes (nearest by base name), and files of one driver.
import type { FileFacts } from './facts';

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

export class FileVisibility {
  /** File -> the local headers it includes (`#include "x.h"`, by base name). */
  private readonly includes = new Map<string, Set<string>>();
  /** Base name -> the analysed files of that name (to resolve `#include "x.h"`). */
  private readonly byBase = new Map<string, string[]>();
  /** File -> its direct local includes, resolved (localHeaders). */
  private readonly resolvedIncludes = new Map<string, Set<string>>();
  /** File -> the files whose declarations it sees (itself and its local headers, transitively). */
  private readonly visible = new Map<string, Set<string>>();
  /** Local header base name -> the analysed files including it (built on first use). */
  private includers?: Map<string, string[]>;
  /** nearest()'s answers by base name and asking directory; dropped when a file is added. */
  private readonly nearestMemo = new Map<string, string[]>();

  /** Records a file's local includes and its base name. */
  add(f: FileFacts): void {
    this.includes.set(f.path, new Set(f.includes ?? []));
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    const named = this.byBase.get(base);
    if (named) named.push(f.path); else this.byBase.set(base, [f.path]);
    this.nearestMemo.clear();
  }

  /** `file` and the analysed local headers it includes, transitively (a header's base name resolved nearest first). */
  visibleFiles(file: string): Set<string> {
    const hit = this.visible.get(file);
    if (hit) return hit;
    const out = new Set<string>([file]);
    for (const at of out) for (const base of this.includes.get(at) ?? []) for (const h of this.nearest(base, at)) out.add(h);
    this.visible.set(file, out);
    return out;
  }

  /**
   * The analysed files named `base` nearest to `from` (the longest common directory prefix; ties all kept); the same
   * for every file of a directory, so kept per base name and directory (a header name such as "core.h" has hundreds
   * of files in drivers/, and every includer asks).
   */
  private nearest(base: string, from: string): string[] {
    const files = this.byBase.get(base) ?? [];
    if (files.length <= 1) return files;
    const fromDir = dirOf(from);
    const key = `${base}\0${fromDir}`;
    const hit = this.nearestMemo.get(key);
    if (hit) return hit;
    const b = fromDir.split('/');
    const common = files.map((f) => { const a = dirOf(f).split('/'); let i = 0; while (i < a.length && a[i] === b[i]) i++; return i; });
    const best = Math.max(...common);
    const out = files.filter((_, i) => common[i] === best);
    this.nearestMemo.set(key, out);
    return out;
  }

  /** The analysed files that see one of `defs` (the files themselves, and those including them, transitively). */
  filesSeeing(defs: readonly string[]): Set<string> {
    if (!this.includers) {
      this.includers = new Map();
      for (const [file, bases] of this.includes) for (const b of bases) {
        const l = this.includers.get(b);
        if (l) l.push(file); else this.includers.set(b, [file]);
      }
    }
    const out = new Set(defs);
    for (const at of out) {
      const base = at.slice(at.lastIndexOf('/') + 1);
      for (const g of this.includers.get(base) ?? []) if (!out.has(g) && this.nearest(base, g).includes(at)) out.add(g);
    }
    return out;
  }

  /** Declarations in `decl` are seen by `file`: the same driver, or a local header `file` includes. */
  declaresFor(decl: string, file: string): boolean {
    return this.sameDriver(decl, file) || this.includes.get(file)?.has(decl.slice(decl.lastIndexOf('/') + 1)) === true;
  }

  /**
   * Two files of one driver: the same file, or files that include a common local ("...") header, the header resolved
   * (nearest analysed file of its name): mlxsw's pci.c and drivers/pci/pci.c each include their own "pci.h".
   */
  sameDriver(a: string, b: string): boolean {
    if (a === b) return true;
    const ha = this.localHeaders(a);
    const hb = this.localHeaders(b);
    for (const h of ha) if (hb.has(h)) return true;
    return false;
  }

  /**
   * The local headers a file includes, resolved: the nearest analysed files of each name, or for a header not
   * analysed, its name in the including file's directory (where `#include "x.h"` looks first).
   */
  private localHeaders(file: string): Set<string> {
    let out = this.resolvedIncludes.get(file);
    if (out) return out;
    out = new Set<string>();
    for (const base of this.includes.get(file) ?? []) {
      const found = this.nearest(base, file);
      if (found.length) for (const h of found) out.add(h);
      else out.add(`${dirOf(file)}/${base}`);
    }
    this.resolvedIncludes.set(file, out);
    return out;
  }
}
