// Reads a Linux tree's device trees (once, lazily) so a device-tree-only driver keeps only the architectures whose DTs describe its hardware.
import { join, posix } from 'node:path';
import { ACPI_ARCHES, bindsToHardware, dtOnlyBinding, dtsFacts, nameOnlyBinding, stringDefines, stringLiterals, systemIncludes, type DtBinding, type DtsFacts } from '../analysis/dt-compat';
import { KBUILD_ARCHES, type KbuildArch } from '../analysis/kbuild';
import { findIncluders, findLiterals, listDir, readText, walkTree } from './tree-files';

/** Where each of our architectures keeps its device trees (arch/x86 has only the CE4100 board's, Linux 6.1). */
const DT_DIRS: Record<KbuildArch, string[]> = {
  x86_64: ['arch/x86/boot/dts', 'arch/x86/platform/ce4100'],
  arm64: ['arch/arm64/boot/dts'],
  powerpc64: ['arch/powerpc/boot/dts'],
  riscv64: ['arch/riscv/boot/dts'],
};

/** Where platform devices are registered by name on our architectures: board code, MFD cells, firmware (sysfb,
 * coreboot: "simple-framebuffer"), x86 platform drivers, ACPI and PCI glue. */
const NAME_DIRS = ['arch/x86', 'arch/arm64', 'arch/powerpc', 'arch/riscv', 'drivers/mfd', 'drivers/firmware', 'drivers/platform', 'drivers/acpi', 'drivers/pci'];

/** Where each architecture's own code lives (board files that register platform devices by name). */
const ARCH_DIR: Record<KbuildArch, string> = { x86_64: 'arch/x86', arm64: 'arch/arm64', powerpc64: 'arch/powerpc', riscv64: 'arch/riscv' };

/** More files than this naming a driver's name: registered too widely to narrow. */
const PLACES_CAP = 8;

/** A C file that creates platform devices itself (by name). */
const REGISTERS_DEVICE = /\bplatform_device_(?:register|alloc|add)\w*\s*\(|\bmfd_add_\w*devices\s*\(/;

/** One Linux tree's device trees: each .dts/.dtsi file's facts, read on first use. */
export class DtTree {
  private files?: Map<string, DtsFacts>;
  private readonly byArch = new Map<KbuildArch, Set<string>>();
  private anywhere?: Set<string>;
  private names?: Set<string>;
  private literals?: Map<string, string[]>;
  private nameOnly?: Map<string, string[]>;
  /** Per composite object (its members, one per line): what driverArches() answered, asked once for all its files. */
  private readonly drivers = new Map<string, KbuildArch[] | undefined>();
  /** Per directory: the string literals of its .c files that register platform devices (a PCI wrapper's child). */
  private readonly besideNames = new Map<string, Set<string>>();
  /** Each prepared file's device-tree-only binding (undefined: none), read in the same pass as its names. */
  private readonly dtBindings = new Map<string, DtBinding | undefined>();

  /** Per header under include/: its string `#define`s (a driver's name macro), and the files including it. */
  private readonly headerDefines = new Map<string, Map<string, string>>();
  private headerIncluders?: Map<string, string[]>;

  /** `built`: the architectures kbuild builds a root-relative file for (all four when it cannot tell). */
  constructor(private readonly root: string, private readonly built: (rel: string) => readonly KbuildArch[] | undefined = () => undefined) {}

  /** For a root-relative `.c` file bound only through device tree (and maybe ACPI): the architectures some DT of which
   * names one of its compatibles, with those that have ACPI when it may bind through ACPI too (dt-compat.ts
   * ACPI_ARCHES); undefined (no narrowing) for other files and for compatibles no DT of any architecture names. */
  arches(rel: string): KbuildArch[] | undefined {
    if (!rel.endsWith('.c')) return undefined;
    const byName = this.nameOnly?.get(rel);
    if (byName) return this.registeredOn(rel, byName);
    const binding = this.dtBindings.has(rel) ? this.dtBindings.get(rel) : this.readBinding(rel);
    if (!binding || binding.names.some((n) => this.registeredNames().has(n) || this.registeredBeside(rel).has(n))) return undefined;
    const compats = binding.compatibles;
    const anywhere = this.allCompatibles();
    if (!compats.some((c) => anywhere.has(c))) return undefined;
    const acpi: readonly KbuildArch[] = binding.acpi ? ACPI_ARCHES : [];
    return KBUILD_ARCHES.filter((a) => acpi.includes(a) || compats.some((c) => this.archCompatibles(a).has(c)));
  }

  /**
   * For the files of one multi-file driver (the members of a composite object): the architectures its hardware is
   * described on, the union of what its members bound only through device tree or by name are narrowed to; undefined
   * (no narrowing) when a member binds some other way (a PCI or ACPI driver, a compatible no DT names) or none binds.
   */
  driverArches(members: string[]): KbuildArch[] | undefined {
    const key = members.join('\n');
    if (!this.drivers.has(key)) this.drivers.set(key, this.bindingArches(members));
    return this.drivers.get(key);
  }

  private bindingArches(members: string[]): KbuildArch[] | undefined {
    const found = new Set<KbuildArch>();
    let binds = false;
    for (const rel of members) {
      const arches = this.arches(rel);
      if (arches) { binds = true; arches.forEach((a) => found.add(a)); continue; }
      if (this.bindsSomehow(rel)) return undefined;
    }
    return binds ? KBUILD_ARCHES.filter((a) => found.has(a)) : undefined;
  }

  private bindsSomehow(rel: string): boolean {
    const text = readText(join(this.root, rel));
    return text !== undefined && bindsToHardware(text);
  }

  private readBinding(rel: string): DtBinding | undefined {
    const text = readText(join(this.root, rel));
    return text === undefined ? undefined : dtOnlyBinding(text);
  }

  /**
   * For a platform driver bound only by name: the architectures on which some file spelling one of its names is built
   * (the board files, MFD cells or platform drivers registering the device): arch/<dir>/ code on its own architecture,
   * any other .c file where kbuild builds it, a header under include/ where each of its includers is built
   * (gpio-amd-fch.h's name is used by pcengines-apuv2.c, built only for X86: drivers/platform/Makefile:6). Undefined
   * (no narrowing) when one of those cannot be told (a header outside include/, one included by a header, kbuild not
   * known), when too many files spell a name to tell, or never for the driver's own file. No file naming it at all:
   * nothing in 6.1 creates the device (mx3fb's "mx3_sdc_fb"), so no architecture.
   */
  private registeredOn(rel: string, names: string[]): KbuildArch[] | undefined {
    const literals = this.literals ?? new Map<string, string[]>();
    const places = names.flatMap((n) => literals.get(n) ?? []).filter((f) => f !== rel);
    if (names.some((n) => (literals.get(n)?.length ?? 0) >= PLACES_CAP)) return undefined;
    const found = new Set<KbuildArch>();
    for (const f of new Set(places)) {
      const arches = this.spellerArches(f, rel);
      if (!arches) return undefined;
      arches.forEach((a) => found.add(a));
    }
    return KBUILD_ARCHES.filter((a) => found.has(a));
  }

  /** Where a file spelling a driver's name is built (see registeredOn); undefined: cannot tell. */
  private spellerArches(file: string, driver: string, depth = 0): readonly KbuildArch[] | undefined {
    if (file.startsWith('arch/')) return KBUILD_ARCHES.filter((a) => file.startsWith(`${ARCH_DIR[a]}/`));
    if (file.endsWith('.c')) return this.built(file);
    if (depth > 0 || !file.startsWith('include/') || !file.endsWith('.h')) return undefined;
    const includers = this.headerIncluders?.get(file.slice('include/'.length)) ?? [];
    if (!this.headerIncluders || includers.length > PLACES_CAP) return undefined;
    const found = new Set<KbuildArch>();
    for (const f of includers.filter((f) => f !== driver)) {
      const arches = this.spellerArches(f, driver, depth + 1);
      if (!arches) return undefined;
      arches.forEach((a) => found.add(a));
    }
    return [...found];
  }

  /** The string `#define`s of the headers a C text includes from include/ (one level), each header read once. */
  private includedDefines(text: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const h of systemIncludes(text)) {
      let defs = this.headerDefines.get(h);
      if (!defs) { defs = stringDefines(readText(join(this.root, 'include', h)) ?? ''); this.headerDefines.set(h, defs); }
      defs.forEach((v, k) => out.set(k, v));
    }
    return out;
  }

  /**
   * Reads the given root-relative files once, for their device-tree binding (kept for arches()) and for platform
   * drivers bound only by name, and finds in one search of arch/, include/, drivers/ and sound/ which files spell each
   * of those names as a string literal, and in a second which files include each include/ header among them. Call it before arches() with every file of the run; without it name-bound
   * drivers are not narrowed and arches() reads each file itself.
   */
  prepareNames(rels: string[]): void {
    const byFile = new Map<string, string[]>();
    for (const rel of rels) {
      if (!rel.endsWith('.c')) continue;
      const text = readText(join(this.root, rel));
      if (text === undefined) continue;
      const names = text.includes('platform_driver') ? nameOnlyBinding(text, this.includedDefines(text)) : undefined;
      if (names) byFile.set(rel, names);
      else this.dtBindings.set(rel, dtOnlyBinding(text));
    }
    const wanted = new Set([...byFile.values()].flat());
    const places = wanted.size ? findLiterals(this.root, [...wanted], ['arch', 'include', 'drivers', 'sound']) : new Map<string, string[]>();
    if (!places) return;
    this.nameOnly = byFile;
    this.literals = places;
    const headers = [...new Set([...places.values()].flat().filter((f) => f.startsWith('include/') && f.endsWith('.h')))];
    this.headerIncluders = findIncluders(this.root, headers.map((h) => h.slice('include/'.length)), ['arch', 'include', 'drivers', 'sound']);
  }

  /**
   * The names platform devices are registered by in the driver's own directory: cdns3-pci-wrap.c registers the
   * "cdns-usb3" device that the device-tree driver cdns3-plat.c also binds by name, on any architecture with PCI.
   */
  private registeredBeside(rel: string): Set<string> {
    const dir = posix.dirname(rel);
    let names = this.besideNames.get(dir);
    if (!names) {
      const texts = listDir(join(this.root, dir)).filter((n) => n.endsWith('.c')).map((n) => readText(join(this.root, dir, n)) ?? '');
      names = new Set(texts.filter((t) => REGISTERS_DEVICE.test(t)).flatMap((t) => stringLiterals(t)));
      this.besideNames.set(dir, names);
    }
    return names;
  }

  /** Every string literal of our architectures' C code and of drivers/mfd: the names platform devices may be registered by. */
  private registeredNames(): Set<string> {
    if (!this.names) {
      const files = [...NAME_DIRS.flatMap((d) => walkTree(this.root, d, /\.c$/))];
      this.names = new Set(files.flatMap((f) => stringLiterals(readText(join(this.root, f)) ?? '')));
    }
    return this.names;
  }

  private allCompatibles(): Set<string> {
    if (!this.anywhere) this.anywhere = new Set([...this.load().values()].flatMap((f) => f.compatibles));
    return this.anywhere;
  }

  /** The compatibles of an architecture's DT files and of every file they include (arm64 DTs include arm ones). */
  private archCompatibles(arch: KbuildArch): Set<string> {
    let set = this.byArch.get(arch);
    if (set) return set;
    const files = this.load();
    const seen = new Set<string>();
    const todo = [...files.keys()].filter((f) => DT_DIRS[arch].some((d) => f.startsWith(`${d}/`)));
    for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
      if (seen.has(f)) continue;
      seen.add(f);
      for (const inc of files.get(f)?.includes ?? []) { const r = this.resolve(f, inc); if (r) todo.push(r); }
    }
    set = new Set([...seen].flatMap((f) => files.get(f)?.compatibles ?? []));
    this.byArch.set(arch, set);
    return set;
  }

  /** An include beside the including file, or under scripts/dtc/include-prefixes (`arm/x.dtsi` = arch/arm/boot/dts/x.dtsi). */
  private resolve(from: string, inc: string): string | undefined {
    const files = this.load();
    const beside = posix.normalize(posix.join(posix.dirname(from), inc));
    if (files.has(beside)) return beside;
    const slash = inc.indexOf('/');
    const prefixed = slash < 0 ? undefined : `arch/${inc.slice(0, slash)}/boot/dts/${inc.slice(slash + 1)}`;
    return prefixed && files.has(prefixed) ? prefixed : undefined;
  }

  /** Every arch/<dir>/boot/dts file and the CE4100 board's, by root-relative path. */
  private load(): Map<string, DtsFacts> {
    if (this.files) return this.files;
    const files = new Map<string, DtsFacts>();
    const dirs = [...listDir(join(this.root, 'arch')).map((a) => `arch/${a}/boot/dts`), 'arch/x86/platform/ce4100'];
    for (const dir of dirs) {
      for (const f of walkTree(this.root, dir, /\.dtsi?$/)) { const text = readText(join(this.root, f)); if (text !== undefined) files.set(f, dtsFacts(text)); }
    }
    this.files = files;
    return files;
  }
}
