// The merged view of every analysed file that ProjectIndex rebuilds on demand: its feature modules, wired together.
import type { BodyFacts, FileFacts, FunctionFacts } from './facts';
import { AddressMembers } from './address-members';
import { DeadHelpers } from './dead-helpers';
import { EscapedMembers } from './escaped-members';
import { FileVisibility } from './file-visibility';
import { FunctionTable } from './function-lookup';
import { MemberKeys } from './member-keys';
import { MemberMentionScan } from './member-mentions';
import { MemberWrites } from './member-writes';
import { OriginResolver } from './origin-resolution';
import { mayStoreThroughParameter } from './out-parameters';
import { ParameterStores } from './parameter-stores';
import { PointerTargets } from './pointer-targets';
import { StructDeclarations } from './struct-declarations';
import { WcMappingDrivers } from './wc-mapping-drivers';

export class MergedIndex {
  readonly decls = new StructDeclarations();
  readonly visibility = new FileVisibility();
  readonly functions: FunctionTable;
  readonly keys: MemberKeys;
  readonly writes: MemberWrites;
  readonly origins: OriginResolver;
  readonly mentions: MemberMentionScan;
  readonly addresses: AddressMembers;
  readonly pointers: PointerTargets;
  readonly escaped: EscapedMembers;
  readonly deadHelpers: DeadHelpers;
  readonly parameterStores: ParameterStores;
  readonly wcDrivers: WcMappingDrivers;

  constructor(readonly files: Map<string, FileFacts>, bodyOf: (fn: FunctionFacts) => BodyFacts) {
    this.functions = new FunctionTable(files, this.visibility);
    this.keys = new MemberKeys(this.decls, bodyOf);
    this.writes = new MemberWrites(this.decls, this.keys, bodyOf, (callee, arg, file) => this.storesThrough(callee, arg, file));
    const { decls, visibility, functions, keys, writes } = this;
    this.origins = new OriginResolver({ files, decls, visibility, functions, keys, writes, bodyOf });
    this.mentions = new MemberMentionScan(writes, this.origins);
    this.addresses = new AddressMembers(decls, visibility, functions, (name, file) => this.numericDefine(name, file));
    this.pointers = new PointerTargets(files, decls, visibility, functions);
    this.escaped = new EscapedMembers(visibility, functions, decls);
    this.deadHelpers = new DeadHelpers(files, visibility);
    this.parameterStores = new ParameterStores(functions, bodyOf);
    this.wcDrivers = new WcMappingDrivers(files, visibility);
    for (const f of files.values()) decls.addTypedefs(f);
    for (const f of files.values()) { decls.addDeclarations(f); visibility.add(f); }
    for (const f of files.values()) this.addFunctions(f.functions);
  }

  /** The function a call of `callee` in `file` reaches may store through its pointer parameter at `arg`. */
  private storesThrough(callee: string, arg: number, file: string): boolean {
    const fn = this.functions.lookupFunction(callee, file);
    return fn !== undefined && mayStoreThroughParameter(fn, arg);
  }

  /**
   * The number a numeric object-like `#define` that `file` sees (the file and its local headers) gives `name`; undefined
   * when none does, or when they define it differently (two files, or alternative `#if` branches of one).
   */
  numericDefine(name: string, file: string): string | undefined {
    const values = new Set<string>();
    for (const path of this.visibility.visibleFiles(file)) {
      const fabric = this.files.get(path)?.fabric;
      if (fabric?.redefined?.includes(name)) return undefined;
      if (fabric && Object.hasOwn(fabric.defines, name)) values.add(fabric.defines[name]);
    }
    return values.size === 1 ? [...values][0] : undefined;
  }

  /** Swaps one file's functions (same declarations) without touching the rest; caches are dropped. */
  replaceFunctions(old: FileFacts, next: FileFacts): void {
    const kept = new Set(next.functions);
    const gone = new Set(old.functions.filter((fn) => !kept.has(fn)));
    const before = new Set(old.functions);
    for (const fn of gone) {
      this.functions.remove(fn, gone);
      this.writes.remove(fn);
    }
    this.addFunctions(next.functions.filter((fn) => !before.has(fn)));
    this.origins.clearCaches();
    this.functions.clearCaches();
    this.mentions.clearCaches();
    this.pointers.clearCaches();
    this.addresses.clearCaches();
    this.escaped.clearCaches();
    this.writes.clearCaches();
    this.deadHelpers.clearCaches();
    this.parameterStores.clearCaches();
    this.wcDrivers.clearCaches();
  }

  private addFunctions(functions: readonly FunctionFacts[]): void {
    this.functions.add(functions);
    this.writes.add(functions);
  }
}
