// Rule wc-lost-in-guest: write-combining mappings in a driver that runs as an arm64 KVM guest with an assigned device.
// Linux 6.1 stage 2 maps any non-RAM pfn as Device-nGnRE (arch/arm64/kvm/mmu.c:1251-1262, 1321-1322;
// arch/arm64/kvm/hyp/pgtable.c:631-638), and the more restrictive of stage 1 and stage 2 wins, so the guest's
// Normal-NC mapping becomes Device-nGnRE: no write combining, and unaligned accesses that Normal-NC allows fault
// (io-semantics §h). Configured by the topology's `"guest": {"arch": "arm64", "hypervisor": "kvm"}`.
import { bit } from '../arch-mask';
import type { IndexedNode } from '../fabric/topology-index';
import type { Rule } from '../rules/rule';
import { fabricContext } from './context';
import { listOf } from './p2p-sites';

const EMULATED_VENDORS = new Set(['1af4', '1b36']);

function isAssigned(n: IndexedNode, assigned: string[] | undefined): boolean {
  if (assigned) return assigned.includes(n.node.bdf);
  return !EMULATED_VENDORS.has((n.node.vendor ?? '').toLowerCase());
}

export const wcLostInGuest: Rule = {
  id: 'wc-lost-in-guest',
  defaultSeverity: 'information',
  summary: 'Write-combining mapping in a driver running as an arm64 KVM guest with an assigned device: stage 2 forces Device-nGnRE.',
  runProject(ctx) {
    const fc = fabricContext(ctx);
    const guest = fc.topo?.topology.guest;
    if (!guest || guest.arch !== 'arm64' || guest.hypervisor !== 'kvm' || !(ctx.mask & bit('arm64'))) return;
    for (const path of ctx.paths) {
      const wcs = fc.fabricOf(path)?.wcMaps ?? [];
      if (wcs.length === 0) continue;
      const devices = fc.devicesOf(path).filter((d) => isAssigned(d, guest.assigned));
      if (devices.length === 0) continue;
      const names = listOf(devices.map((d) => `${d.node.bdf}${d.node.name ? ` (${d.node.name})` : ''}`));
      for (const wc of wcs) {
        if (wc.api === 'arch_phys_wc_add' || wc.api === 'devm_arch_phys_wc_add' || wc.api.includes('reserve_memtype')) continue;
        ctx.report({
          file: path, span: wc.span, arches: ['arm64'], function: wc.fn, fixes: [], related: [],
          message: `${wc.api}() asks for write-combining (Normal-NC on arm64), but this driver runs as an arm64 KVM guest with ${names} assigned: Linux 6.1 maps assigned BARs at stage 2 as Device-nGnRE (arch/arm64/kvm/mmu.c:1251-1262, 1321-1322; hyp/pgtable.c:631-638) and the stricter type wins. The mapping gets no write combining (BlueFlame/LLQ-style bursts become single device writes), and unaligned or DC ZVA accesses that Normal-NC allows take alignment faults. Keep accesses aligned and naturally sized, and do not rely on WC for correctness or performance in this guest.`,
        });
      }
    }
  },
};
