// Every analysed file's structs, typedefs and globals merged: member types, layouts and what each member's declaration says.
import { isAnonymousStructName, type FileFacts, type MemberShape, type VarInfo } from './facts';
import { dirOf, type FileVisibility } from './file-visibility';

/** A global variable's declaration (its type and initialiser values) in one file. */
export interface GlobalDeclaration { info: VarInfo; file: string }

export class StructDeclarations {
  readonly structs = new Map<string, Record<string, string | undefined>>();
  /** Struct name -> directory of (the first of) its definitions in the analysed files. */
  private readonly structDirs = new Map<string, string[]>();
  private readonly typedefs = new Map<string, string>();
  /** Typedef alias -> whether every file declaring it makes it a pointer type (null: they disagree). */
  private readonly typedefPointers = new Map<string, boolean | null>();
  /** Member name -> whether every struct declaring a member of that name declares it volatile. */
  private readonly volatileByName = new Map<string, boolean>();
  /** Global name -> its recorded declarations, one per file: `static` globals of one name in several files do not collide. */
  private readonly globalsByName = new Map<string, GlobalDeclaration[]>();
  private readonly pointerFields = new Set<string>();
  /** Member name -> the layout every declaration of a member of that name agrees on (null: they disagree). */
  private readonly layouts = new Map<string, MemberShape | null>();
  readonly arrayFields = new Set<string>();
  private readonly shapes = new Map<string, Record<string, MemberShape>>();
  /** File -> member name -> whether every struct declared in that file with such a member declares it CPU-written. */
  private readonly fileCpu = new Map<string, Map<string, boolean>>();
  /** Member name -> the files whose structs declare a member of that name dma_addr_t. */
  readonly dmaFiles = new Map<string, string[]>();

  isPointerField(name: string): boolean { return this.pointerFields.has(name); }
  memberShape(struct: string, field: string): MemberShape | undefined { return this.shapes.get(this.canon(struct) ?? struct)?.[field]; }
  cpuMemberInFile(file: string, field: string): boolean { return this.fileCpu.get(file)?.get(field) === true; }

  /**
   * True when the declaration of `struct` marks which of its words the device reads and writes, and `field` is not
   * one: a plain scalar in the CPU's byte order (`u32 flags`) while other members are declared in a device's
   * (`__le32 src`), declared after a pointer or dma_addr_t member (cesa's `mv_cesa_tdma_desc`: hardware words, then
   * `dma_addr_t cur_dma`, `next`, `op` and `u32 flags` under "Software state"; a lone `__le16 vlan` among u16 words
   * with no software tail, aquantia's write-back descriptor, says nothing), or a member
   * not declared `volatile` while others are (vmwgfx's `SVGACBHeader`: `volatile status`, `volatile errorOffset`, then
   * the driver's `flags`). Never a bitfield, nor a member itself volatile.
   */
  driverOwnMember(struct: string, field: string): boolean {
    const name = this.canon(struct) ?? struct;
    const shapes = this.shapes.get(name) ?? {};
    const own = shapes[field];
    if (!(field in (this.structs.get(name) ?? {})) || own?.unit !== undefined || own?.volatile) return false;
    const others = Object.values(shapes);
    if (own?.order === 'host' && others.some((m) => m.order === 'fixed') && this.afterCpuMember(name, field)) return true;
    return others.some((m) => m.volatile && !m.pointer);
  }

  /** True when `field` is declared after a member only the CPU writes (a pointer, a dma_addr_t): the software tail. */
  private afterCpuMember(name: string, field: string): boolean {
    const shapes = this.shapes.get(name) ?? {};
    for (const member of Object.keys(this.structs.get(name) ?? {})) {
      if (member === field) return false;
      if (shapes[member]?.cpu) return true;
    }
    return false;
  }

  memberLayout(struct: string | undefined, field: string): MemberShape | undefined {
    const own = struct ? this.structs.get(this.canon(struct) ?? struct) : undefined;
    if (own && field in own) return this.memberShape(struct!, field) ?? {};
    return this.layouts.get(field) ?? undefined;
  }

  volatileMember(struct: string | undefined, field: string): boolean {
    const own = struct ? this.structs.get(this.canon(struct) ?? struct) : undefined;
    if (own && field in own) return this.memberShape(struct!, field)?.volatile === true;
    return this.volatileByName.get(field) === true;
  }

  /** Every typedef alias (canon() maps each to the type it names). */
  typedefAliases(): IterableIterator<string> { return this.typedefs.keys(); }

  canon(type: string | undefined): string | undefined {
    let t = type;
    for (let i = 0; t && i < 8 && this.typedefs.has(t); i++) t = this.typedefs.get(t);
    return t;
  }

  /**
   * The definition of struct `t` a function in `file` sees: the only one when a single directory defines it (a
   * driver split over sibling directories shares its header's structs); otherwise the nearest directory at or above
   * the file's that defines it; when the name is defined only in unrelated places, or not in the analysed files at all
   * (a core struct), the file itself.
   */
  structScope(t: string, file: string): string {
    const dirs = this.structDirs.get(t);
    if (!dirs) return file;
    if (dirs.length === 1) return dirs[0];
    const here = dirOf(file) + '/';
    let best: string | undefined;
    for (const d of dirs) if (here.startsWith(d + '/') && (!best || d.length > best.length)) best = d;
    return best ?? file;
  }

  /** Records a file's typedefs (all files' go in before any declarations: a member's typedef may be in another header). */
  addTypedefs(f: FileFacts): void {
    for (const [alias, target] of Object.entries(f.typedefs)) this.typedefs.set(alias, target);
    for (const [alias, pointer] of Object.entries(f.typedefPointers ?? {})) {
      const seen = this.typedefPointers.get(alias);
      this.typedefPointers.set(alias, seen === undefined || seen === pointer ? pointer : null);
    }
  }

  /** Records a file's structs, member shapes and layouts, and its initialised globals. */
  addDeclarations(f: FileFacts): void {
    for (const [name, fields] of Object.entries(f.structs)) {
      mergeInto(this.structs, name, fields);
      const dirs = this.structDirs.get(name) ?? [];
      if (!dirs.includes(dirOf(f.path))) dirs.push(dirOf(f.path));
      this.structDirs.set(name, dirs);
    }
    for (const field of f.pointerFields ?? []) this.pointerFields.add(field);
    const shapes = this.typedShapes(f);
    this.addLayouts(f, shapes);
    for (const [name, fields] of Object.entries(shapes)) mergeInto(this.shapes, name, fields);
    this.addCpuAndDma(f, shapes);
    // Initialised globals (their values are origins), and globals of a file's anonymous struct (their type types reads).
    for (const [name, info] of Object.entries(f.globals)) if (info.values.length || isAnonymousGlobal(info, f)) this.addGlobal(name, { info, file: f.path });
  }

  private addGlobal(name: string, g: GlobalDeclaration): void {
    const list = this.globalsByName.get(name);
    if (!list) this.globalsByName.set(name, [g]);
    else list.splice(0, list.length, ...list.filter((o) => o.file !== g.file), g);
  }

  /**
   * The global `name` as code in `reader` sees it: the reader's own file's, else one of its directory's, else the
   * latest recorded. amdgpu's gfx_v10_0.c and gfx_v11_0.c each declare a `static` `rlc_autoload_info[]` of their own.
   */
  globalFor(name: string, reader: string | undefined): GlobalDeclaration | undefined {
    const list = this.globalsByName.get(name);
    if (!list || list.length === 1 || reader === undefined) return list?.[list.length - 1];
    const dir = dirOf(reader);
    return list.find((g) => g.file === reader) ?? list.find((g) => dirOf(g.file) === dir) ?? list[list.length - 1];
  }

  /** Every recorded global declaration with its name. */
  *allGlobals(): Iterable<[string, GlobalDeclaration]> {
    for (const [name, list] of this.globalsByName) for (const g of list) yield [name, g];
  }

  private addCpuAndDma(f: FileFacts, shapes: Record<string, Record<string, MemberShape>>): void {
    const cpu = new Map<string, boolean>();
    for (const [name, fields] of Object.entries(f.structs)) {
      for (const field of Object.keys(fields)) cpu.set(field, (cpu.get(field) ?? true) && shapes[name]?.[field]?.cpu === true);
    }
    this.fileCpu.set(f.path, cpu);
    const dma = new Set<string>();
    for (const fields of Object.values(shapes)) for (const [field, shape] of Object.entries(fields)) if (shape.dma) dma.add(field);
    for (const field of dma) { const list = this.dmaFiles.get(field); if (list) list.push(f.path); else this.dmaFiles.set(field, [f.path]); }
  }

  private addLayouts(f: FileFacts, shapes: Record<string, Record<string, MemberShape>>): void {
    const key = (m: MemberShape | undefined) => `${m?.bytes ?? ''}/${m?.array ?? ''}/${m?.pointer ?? ''}/${m?.packed ?? ''}/${m?.be ?? ''}`;
    for (const [name, fields] of Object.entries(f.structs)) {
      for (const field of Object.keys(fields)) {
        const shape = shapes[name]?.[field] ?? {};
        if (shape.array) this.arrayFields.add(field);
        const seen = this.layouts.get(field);
        if (seen === undefined) this.layouts.set(field, shape);
        else if (seen !== null && key(seen) !== key(shape)) this.layouts.set(field, null);
        this.volatileByName.set(field, (this.volatileByName.get(field) ?? true) && shape.volatile === true);
      }
    }
  }

  /** True when `type` names a typedef of a pointer type, directly or through typedefs of typedefs (`typedef PFOO PBAR`). */
  private pointerTypedef(type: string | undefined): boolean {
    let t = type;
    for (let i = 0; t && i < 8; i++) {
      const pointer = this.typedefPointers.get(t);
      if (pointer !== false) return pointer === true;
      t = this.typedefs.get(t);
    }
    return false;
  }

  /**
   * The file's member shapes with members whose type is a typedef of a pointer (from any analysed file: typedefs are
   * often in another header) marked as the pointers they are, so CPU-written like a member declared with `*`.
   */
  private typedShapes(f: FileFacts): Record<string, Record<string, MemberShape>> {
    const out: Record<string, Record<string, MemberShape>> = { ...(f.memberShapes ?? {}) };
    for (const [name, fields] of Object.entries(f.structs)) {
      for (const [field, type] of Object.entries(fields)) {
        const shape = out[name]?.[field];
        if (shape?.pointer || !this.pointerTypedef(type)) continue;
        out[name] = { ...out[name], [field]: { ...shape, pointer: true, cpu: true } };
      }
    }
    return out;
  }
}

/**
 * True when the structs `file` and its local headers declare with both members `a` and `b` (at least one) all pack
 * them as bitfields of one storage unit.
 */
export function sameBitfieldUnitInFile(files: Map<string, FileFacts>, visibility: FileVisibility, file: string, a: string, b: string): boolean {
  let found = false;
  for (const f of visibility.visibleFiles(file)) {
    const facts = files.get(f);
    for (const [name, fields] of Object.entries(facts?.structs ?? {})) {
      if (!(a in fields) || !(b in fields)) continue;
      const shapes = facts?.memberShapes?.[name];
      const unit = shapes?.[a]?.unit;
      if (unit === undefined || unit !== shapes?.[b]?.unit) return false;
      found = true;
    }
  }
  return found;
}

/** `map[key] = { ...map[key], ...fields }` without copying what is there (a struct name declared in many files). */
function mergeInto<T>(map: Map<string, Record<string, T>>, key: string, fields: Record<string, T>): void {
  const merged = map.get(key);
  if (merged) Object.assign(merged, fields); else map.set(key, { ...fields });
}

/** A global whose struct has no name of its own (extract-file.ts names it: anonymousStructName). */
function isAnonymousGlobal(info: VarInfo, f: FileFacts): boolean {
  return !!info.type && isAnonymousStructName(info.type) && Object.hasOwn(f.structs, info.type);
}
