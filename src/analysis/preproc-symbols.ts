// Preprocessor macros whose value on our four 64-bit targets Linux 6.1 fixes, as data with the source of each fact.
import type { KbuildArch } from './kbuild';

export interface MacroFact {
  /** The targets where the macro is defined (as 1 for a Kconfig bool or a compiler predefine, else as `value`). */
  defined: readonly KbuildArch[];
  /** The targets where it may be defined or not (a user's Kconfig choice); undefined on the others. */
  maybe?: readonly KbuildArch[];
  /** Its value where defined, when not 1. */
  value?: number;
  /** Linux 6.1 source of the fact. */
  source: string;
}

/** All four targets (kbuild.ts's KBUILD_ARCHES; not imported at run time, since kbuild.ts reads this table). */
const ALL: readonly KbuildArch[] = ['x86_64', 'arm64', 'powerpc64', 'riscv64'];
const NONE: readonly KbuildArch[] = [];

/**
 * Every macro the `#if` evaluator knows; any other name is unknown and leaves its branches analysed. A Kconfig symbol
 * `FOO` appears as `CONFIG_FOO` (defined as 1 when set, absent when not: include/linux/kconfig.h).
 */
export const MACRO_FACTS: Readonly<Record<string, MacroFact>> = {
  // word size: every target is a 64-bit build
  CONFIG_64BIT: { defined: ALL, source: 'arch/x86/Kconfig:3-5 (default "$(ARCH)" != "i386": x86_64), arch/arm64/Kconfig:247-248, arch/powerpc/Kconfig:14-16 (default y if PPC64), arch/riscv/Kconfig:280-282 (ARCH_RV64I selects 64BIT)' },
  CONFIG_32BIT: { defined: NONE, source: 'arch/riscv/Kconfig:10-11, 270-273 (selected only by ARCH_RV32I); x86, arm64 and powerpc define no 32BIT' },
  BITS_PER_LONG: { defined: ALL, value: 64, source: 'include/asm-generic/bitsperlong.h:8-9 (64 under CONFIG_64BIT)' },
  __BITS_PER_LONG: { defined: ALL, value: 64, source: 'arch/x86/include/uapi/asm/bitsperlong.h:5-6 (__x86_64__), arch/arm64/include/uapi/asm/bitsperlong.h:20, arch/powerpc/include/uapi/asm/bitsperlong.h:5-6 (__powerpc64__), arch/riscv/include/uapi/asm/bitsperlong.h:10 (pointer size)' },
  CONFIG_PHYS_ADDR_T_64BIT: { defined: ALL, source: 'mm/Kconfig:654-655 (def_bool 64BIT)' },
  CONFIG_ARCH_DMA_ADDR_T_64BIT: { defined: ALL, source: 'kernel/dma/Kconfig:33-34 (def_bool 64BIT || PHYS_ADDR_T_64BIT)' },
  // 32-bit siblings of our architectures: never set on the 64-bit builds
  CONFIG_X86_32: { defined: NONE, source: 'arch/x86/Kconfig:10-12 (depends on !64BIT)' },
  CONFIG_PPC32: { defined: NONE, source: 'arch/powerpc/platforms/Kconfig.cputype:2-4 (default y if !PPC64)' },
  CONFIG_ARM: { defined: NONE, source: 'arch/arm/Kconfig:2 (32-bit arm only; arm64 is CONFIG_ARM64, arch/arm64/Kconfig:2)' },
  __i386__: { defined: NONE, source: 'arch/x86/Makefile:118-127 (64-bit builds: -m64, sparse gets -D__x86_64__; __i386__ only under CONFIG_X86_32, :88-94)' },
  // other architectures: their Kconfig symbol exists only in their own arch/ tree, so none of our four builds sets it
  CONFIG_ALPHA: { defined: NONE, source: 'arch/alpha/Kconfig:2' },
  CONFIG_IA64: { defined: NONE, source: 'arch/ia64/Kconfig:9' },
  CONFIG_SPARC: { defined: NONE, source: 'arch/sparc/Kconfig:13' },
  CONFIG_SPARC64: { defined: NONE, source: 'arch/sparc/Kconfig:64' },
  CONFIG_MIPS: { defined: NONE, source: 'arch/mips/Kconfig:2' },
  CONFIG_PARISC: { defined: NONE, source: 'arch/parisc/Kconfig:2' },
  CONFIG_S390: { defined: NONE, source: 'arch/s390/Kconfig:52' },
  CONFIG_SUPERH: { defined: NONE, source: 'arch/sh/Kconfig:2' },
  CONFIG_M68K: { defined: NONE, source: 'arch/m68k/Kconfig:2' },
  CONFIG_XTENSA: { defined: NONE, source: 'arch/xtensa/Kconfig:2' },
  CONFIG_ARC: { defined: NONE, source: 'arch/arc/Kconfig:6' },
  CONFIG_MICROBLAZE: { defined: NONE, source: 'arch/microblaze/Kconfig:2' },
  CONFIG_NIOS2: { defined: NONE, source: 'arch/nios2/Kconfig:2' },
  CONFIG_OPENRISC: { defined: NONE, source: 'arch/openrisc/Kconfig:7' },
  CONFIG_CSKY: { defined: NONE, source: 'arch/csky/Kconfig:2' },
  CONFIG_LOONGARCH: { defined: NONE, source: 'arch/loongarch/Kconfig:2' },
  CONFIG_HEXAGON: { defined: NONE, source: 'arch/hexagon/Kconfig:5' },
  CONFIG_UML: { defined: NONE, source: 'arch/um/Kconfig:5' },
  // other architectures' compiler predefines: none is predefined by the x86_64 (-m64), aarch64, powerpc64 or riscv64 compilers
  __alpha__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__alpha__' },
  __ia64__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__ia64__' },
  __sparc__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__sparc__' },
  __sparc_v9__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__sparc_v9__' },
  __mips__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__mips__' },
  __hppa__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__hppa__' },
  __s390__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__s390__' },
  __s390x__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__s390x__' },
  __sh__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__sh__' },
  __m68k__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__m68k__' },
  __mc68000__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__mc68000__' },
  __xtensa__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__xtensa__' },
  __arm__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__arm__' },
  __arc__: { defined: NONE, source: 'compiler predefine of another architecture (gcc -dM -E); arch/*/Makefile of the four targets pass no -D__arc__' },
  // architecture names
  CONFIG_X86: { defined: ['x86_64'], source: 'arch/x86/Kconfig:55' },
  CONFIG_X86_64: { defined: ['x86_64'], source: 'arch/x86/Kconfig:24-26 (depends on 64BIT)' },
  CONFIG_ARM64: { defined: ['arm64'], source: 'arch/arm64/Kconfig:2' },
  CONFIG_PPC: { defined: ['powerpc64'], source: 'arch/powerpc/Kconfig:111' },
  CONFIG_PPC64: { defined: ['powerpc64'], source: 'arch/powerpc/platforms/Kconfig.cputype:6-7' },
  CONFIG_PPC_BOOK3S_64: { defined: NONE, maybe: ['powerpc64'], source: 'arch/powerpc/platforms/Kconfig.cputype:92 (a choice beside PPC_BOOK3E_64, :108)' },
  CONFIG_RISCV: { defined: ['riscv64'], source: 'arch/riscv/Kconfig:13' },
  // byte order: a choice on arm64 and powerpc64; x86 and riscv declare neither symbol (they are little-endian only)
  CONFIG_CPU_BIG_ENDIAN: { defined: NONE, maybe: ['arm64', 'powerpc64'], source: 'arch/arm64/Kconfig:1399, arch/powerpc/platforms/Kconfig.cputype:587 (each a choice beside CPU_LITTLE_ENDIAN); no x86 or riscv Kconfig declares it' },
  CONFIG_CPU_LITTLE_ENDIAN: { defined: NONE, maybe: ['arm64', 'powerpc64'], source: 'arch/arm64/Kconfig:1407, arch/powerpc/platforms/Kconfig.cputype:594; no x86 or riscv Kconfig declares it (their kernels are little-endian without the symbol)' },
  __x86_64__: { defined: ['x86_64'], source: 'arch/x86/Makefile:118-127 (-m64; sparse gets -D__x86_64__ as the compiler predefines it)' },
  __aarch64__: { defined: ['arm64'], source: 'compiler predefine of the arm64 target (sparse gets it: arch/arm64/Makefile:129)' },
  __powerpc__: { defined: ['powerpc64'], source: 'compiler predefine of the powerpc targets, 64-bit included (gcc -dM -E -m64), beside __powerpc64__ (arch/powerpc/Makefile:35, 87)' },
  __PPC__: { defined: ['powerpc64'], source: 'compiler predefine of the powerpc targets, 64-bit included (gcc -dM -E -m64), beside __powerpc64__ (arch/powerpc/Makefile:35, 87)' },
  __PPC64__: { defined: ['powerpc64'], source: 'compiler predefine of the powerpc targets, 64-bit included (gcc -dM -E -m64), beside __powerpc64__ (arch/powerpc/Makefile:35, 87)' },
  __ppc64__: { defined: ['powerpc64'], source: 'compiler predefine of the powerpc targets, 64-bit included (gcc -dM -E -m64), beside __powerpc64__ (arch/powerpc/Makefile:35, 87)' },
  __powerpc64__: { defined: ['powerpc64'], source: 'compiler predefine of -m64 (arch/powerpc/Makefile:35, 87), as relied on by arch/powerpc/include/uapi/asm/bitsperlong.h:5' },
  __riscv: { defined: ['riscv64'], source: 'compiler predefine of the riscv target (sparse gets it: arch/riscv/Makefile:119)' },
};
