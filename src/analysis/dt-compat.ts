// Device-tree compatibles: from a driver's C text, the compatibles it can only bind through; from DTS text, the compatibles and includes it holds.

/** Anything in a C file by which it may bind to hardware other than a device-tree compatible or ACPI (or be
 * instantiated by name, on the command line, or by a bus): its presence means "no narrowing". */
const NON_ACPI_BINDING = new RegExp([
  String.raw`\bstruct\s+(?!of_device_id\b|acpi_device_id\b)\w+_device_id\b`, // pci/platform/i2c/spi/usb/sdio/mdio/hid ... tables
  String.raw`\bstruct\s+(?:amba_id|x86_cpu_id|dmi_system_id)\b`,
  String.raw`\bMODULE_DEVICE_TABLE\s*\(\s*(?!(?:of|acpi)\s*,)`,
  String.raw`\bid_table\b`,
  String.raw`\bplatform_device_(?:register|alloc|add)\w*\s*\(`, String.raw`\bplatform_create_bundle\s*\(`,
  String.raw`\bmfd_add_\w*devices\s*\(`,
  String.raw`\b(?:module_|)pci_(?:register_)?driver\b`, String.raw`\bmodule_(?:i2c|spi|usb|amba|pci)_driver\b`,
  String.raw`\b__setup\s*\(`, String.raw`\bearly_param\s*\(`, String.raw`\bearly_platform`,
  String.raw`\b(?<!OF_)EARLYCON_DECLARE\s*\(`,
  String.raw`\b\w*_DECLARE\s*\(`, // a *_DECLARE other than the compatible-taking ones below is matched there first
].join('|'));

/** Any use of ACPI: an `acpi_device_id` table, `ACPI_PTR()`, a companion lookup; the driver may bind through ACPI. */
const ACPI_USE = /\bacpi|\bACPI/;

/**
 * The targets with ACPI in Linux 6.1: `config ACPI` depends on ARCH_SUPPORTS_ACPI (drivers/acpi/Kconfig:6-11), which
 * arch/x86/Kconfig:107 and arch/arm64/Kconfig:2341 select and powerpc and riscv do not (riscv gained it after 6.1).
 */
export const ACPI_ARCHES = ['x86_64', 'arm64'] as const;

/** Some way to bind other than a device-tree compatible, ACPI included. */
function bindsOtherwise(text: string): boolean {
  return NON_ACPI_BINDING.test(text) || ACPI_USE.test(text);
}

/** Early-init macros that bind by a device-tree compatible, their second argument (include/linux/of.h, irqchip.h, clk-provider.h). */
const OF_DECLARE = /\b(?:IRQCHIP_DECLARE|TIMER_OF_DECLARE|CLK_OF_DECLARE(?:_DRIVER)?|OF_EARLYCON_DECLARE|RESERVEDMEM_OF_DECLARE)\s*\(\s*\w+\s*,\s*("(?:[^"\\]|\\.)*"|[^,)]*)/g;

/** Vendors of FPGA soft IP, whose device trees are generated per design outside the kernel tree: what in-tree DTs
 * mention says nothing of the CPUs it sits beside (e.g. xlnx,xps-gpio-1.00.a: only microblaze and mips DTs in 6.1). */
const SOFT_IP_VENDORS = new Set(['xlnx', 'altr', 'opencores']);

export function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');
}

/** A device-tree driver: its compatibles, whether it may also bind through ACPI (`acpi`), and the names a platform
 * device would need to bind it by name (`MODULE_ALIAS("platform:x")`, the driver's `.driver = { .name = "x" }`), which
 * the caller checks no board or MFD code registers. */
export interface DtBinding { compatibles: string[]; names: string[]; acpi: boolean }

/** For a C file whose only ways to bind to hardware are device tree (`of_device_id` tables and IRQCHIP/TIMER/
 * CLK_OF_DECLARE-style macros) and ACPI (bcmgenet.c: an `of_device_id` and an `acpi_device_id` table) its binding;
 * undefined when it has another way, no device-tree way, or one not read as a string. */
export function dtOnlyBinding(cText: string): DtBinding | undefined {
  const found = dtCompatibles(cText);
  if (!found) return undefined;
  const text = stripComments(cText);
  const names = [...text.matchAll(/\bMODULE_ALIAS\s*\(\s*"platform:([^"]+)"|\.driver\s*=\s*\{[^}]*?\.name\s*=\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  return { compatibles: found.compatibles, names: [...new Set(names)], acpi: found.acpi };
}

/**
 * For a platform driver that can bind only by its name (no `of_device_id` table, no id table, ACPI or bus driver, no
 * platform device registered by itself): the names a platform device must carry (`.driver = { .name = "x" }`, also
 * through a `#define` of the same file or of `headerDefines`, the string defines of the headers it includes:
 * gpio-amd-fch.c's AMD_FCH_GPIO_DRIVER_NAME, and `MODULE_ALIAS("platform:x")`). Undefined otherwise, or when a name is
 * not a string the file or those headers spell out.
 */
export function nameOnlyBinding(cText: string, headerDefines: ReadonlyMap<string, string> = new Map()): string[] | undefined {
  const text = stripComments(cText);
  if (!/\bstruct\s+platform_driver\b/.test(text) || bindsOtherwise(text)) return undefined;
  if (/\bof_device_id\b|\bof_match_table\b/.test(text) || new RegExp(OF_DECLARE.source).test(text)) return undefined;
  const defines = new Map([...headerDefines, ...stringDefines(text)]);
  const names: string[] = [];
  for (const m of text.matchAll(/\.driver\s*=\s*\{[^}]*?\.name\s*=\s*([^,}]+)/g)) {
    const arg = m[1].trim();
    const s = stringLiteral(defines.get(arg) ?? arg);
    if (s === undefined) return undefined;
    names.push(s);
  }
  for (const m of text.matchAll(/\bMODULE_ALIAS\s*\(\s*"platform:([^"]+)"\s*\)/g)) names.push(m[1]);
  return names.length ? [...new Set(names)] : undefined;
}

/** A C text's one-line `#define NAME "string"` lines: name -> the string literal as written. */
export function stringDefines(text: string): Map<string, string> {
  return new Map([...stripComments(text).matchAll(/^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+("(?:[^"\\\n]|\\.)*")[ \t]*$/gm)].map((m) => [m[1], m[2]] as const));
}

/** The `#include <x>` paths of a C text (headers under include/ or an architecture's include/). */
export function systemIncludes(cText: string): string[] {
  return [...stripComments(cText).matchAll(/^[ \t]*#[ \t]*include[ \t]*<([^>\n]+)>/gm)].map((m) => m[1]);
}

/** Whether a C file can bind to hardware at all (some bus's driver, an `of_device_id` table, an early-init declare, a
 * platform driver); a helper file of a multi-file driver cannot. */
export function bindsToHardware(cText: string): boolean {
  const text = stripComments(cText);
  return bindsOtherwise(text) || /\bof_device_id\b|\bstruct\s+platform_driver\b/.test(text) || new RegExp(OF_DECLARE.source).test(text);
}

/** The compatibles of a C file that binds only through device tree and maybe ACPI (`acpi`); undefined otherwise. */
function dtCompatibles(cText: string): { compatibles: string[]; acpi: boolean } | undefined {
  if (!cText.includes('of_device_id') && !cText.includes('_DECLARE')) return undefined; // no table, no OF_DECLARE: none
  const text = stripComments(cText);
  const compats: string[] = [];
  const tables = ofTables(text);
  if (tables === undefined) return undefined;
  compats.push(...tables);
  const withoutDeclares = text.replace(OF_DECLARE, (m, arg: string) => { compats.push(stringLiteral(arg) ?? '\0'); return ''; });
  if (compats.length === 0 || compats.includes('\0')) return undefined; // (tested first: NON_ACPI_BINDING is the costly scan)
  if (NON_ACPI_BINDING.test(withoutDeclares)) return undefined;
  // A generic compatible ("mmio-sram", "simple-framebuffer": no vendor prefix) may describe any board's hardware.
  if (compats.some((c) => !c.includes(',') || SOFT_IP_VENDORS.has(c.split(',')[0]))) return undefined;
  return { compatibles: [...new Set(compats)], acpi: ACPI_USE.test(withoutDeclares) };
}

/** The `.compatible` strings of every `struct of_device_id` table; undefined when one is not a plain string. */
function ofTables(text: string): string[] | undefined {
  const out: string[] = [];
  const head = /\bstruct\s+of_device_id\s+\w+\s*\[[^\]]*\]\s*=\s*\{/g;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const body = tableBody(text, m.index + m[0].length);
    for (const entry of body.matchAll(/\.compatible\s*=\s*("(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*|[^,}]*)/g)) {
      const s = stringLiteral(entry[1]);
      if (s === undefined) return undefined;
      out.push(s);
    }
    if (/\{\s*"/.test(body)) return undefined; // a positional entry ({ "name", "type", "compat" })
  }
  return out;
}

/** The text from `start` (just after a `{`) to its matching `}`. */
function tableBody(text: string, start: number): string {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}

/** A C string literal (adjacent literals concatenated), or undefined for anything else (a macro, an expression). */
function stringLiteral(arg: string): string | undefined {
  const t = arg.trim();
  if (!/^"(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*$/.test(t)) return undefined;
  return [...t.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('');
}

/** What one DTS/DTSI text holds: every string of every `compatible = "...", "..."` property, and the files it includes. */
export interface DtsFacts { compatibles: string[]; includes: string[] }

export function dtsFacts(dtsText: string): DtsFacts {
  const text = stripComments(dtsText);
  const compatibles: string[] = [];
  for (const m of text.matchAll(/(?<![\w-])compatible\s*=\s*((?:"[^"]*"\s*,?\s*)+)/g)) {
    for (const s of m[1].matchAll(/"([^"]*)"/g)) compatibles.push(s[1]);
  }
  const includes = [...text.matchAll(/^\s*(?:#include|\/include\/)\s*[<"]([^>"]+)[>"]/gm)].map((m) => m[1]).filter((p) => !p.startsWith('dt-bindings/'));
  return { compatibles, includes };
}

/** The string literals of a C text (board files and MFD cells name the platform devices they register by these). */
export function stringLiterals(cText: string): string[] {
  return [...stripComments(cText).matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((m) => m[1]);
}
