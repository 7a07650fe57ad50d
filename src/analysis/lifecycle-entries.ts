// Which functions a file hands to the kernel as device-lifecycle entry points (probe, remove, power management,
// module init/exit): the kernel calls them once per device or per power transition, never per I/O request. Read from
// the file's text outside function bodies (driver and dev_pm_ops tables, module_init(), the PM-ops macros).

/**
 * Members of the kernel's driver and power-management tables that hold lifecycle callbacks (Linux 6.1:
 * include/linux/pci.h:925-933 struct pci_driver; include/linux/platform_device.h:208-225 struct platform_driver;
 * include/linux/pm.h:286-309 struct dev_pm_ops).
 */
const ENTRY_MEMBERS = [
  'probe', 'remove', 'remove_new', 'shutdown', 'suspend', 'resume', 'freeze', 'thaw', 'poweroff', 'restore',
  'suspend_late', 'resume_early', 'freeze_late', 'thaw_early', 'poweroff_late', 'restore_early', 'suspend_noirq',
  'resume_noirq', 'freeze_noirq', 'thaw_noirq', 'poweroff_noirq', 'restore_noirq', 'runtime_suspend', 'runtime_resume',
];

/**
 * Macros whose function arguments are lifecycle entries, with the 0-based positions of those arguments (Linux 6.1:
 * include/linux/module.h:87-99, 129-137; include/linux/pm.h:342-366, 399, 420, 441; include/linux/pm_runtime.h:37).
 */
const ENTRY_MACROS: Record<string, number[]> = {
  module_init: [0], module_exit: [0],
  SET_SYSTEM_SLEEP_PM_OPS: [0, 1], SET_LATE_SYSTEM_SLEEP_PM_OPS: [0, 1], SET_NOIRQ_SYSTEM_SLEEP_PM_OPS: [0, 1],
  SET_RUNTIME_PM_OPS: [0, 1], SIMPLE_DEV_PM_OPS: [1, 2], DEFINE_SIMPLE_DEV_PM_OPS: [1, 2],
  UNIVERSAL_DEV_PM_OPS: [1, 2], DEFINE_RUNTIME_DEV_PM_OPS: [1, 2],
};

const MEMBER_VALUE = new RegExp(`\\.(?:${ENTRY_MEMBERS.join('|')})\\s*=\\s*&?\\s*([A-Za-z_]\\w*)\\s*[,}]`, 'g');
const MACRO_CALL = new RegExp(`\\b(${Object.keys(ENTRY_MACROS).join('|')})\\s*\\(([^()]*)\\)`, 'g');

/** Names the texts (a file's top-level text outside function bodies) give as lifecycle entries. */
export function lifecycleEntriesNamed(outside: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of outside) {
    for (const m of text.matchAll(MEMBER_VALUE)) found.add(m[1]);
    for (const m of text.matchAll(MACRO_CALL)) {
      const args = m[2].split(',').map((a) => a.trim());
      for (const at of ENTRY_MACROS[m[1]]) if (/^[A-Za-z_]\w*$/.test(args[at] ?? '')) found.add(args[at]);
    }
  }
  return [...found];
}
