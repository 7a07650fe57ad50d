// host_bridge_whitelist(), __host_bridge_whitelist(), pci_host_bridge_dev() and cpu_supports_p2pdma() of Linux 6.1.

import {
  ALLOWLIST_CITATION, CPU_SUPPORTS_CITATION, HOST_BRIDGE_DEV_CITATION, HOST_BRIDGE_WHITELIST_CITATION, cpuSupportsP2pdma,
  findAllowlistEntry,
} from './allowlist';
import { parseBdf } from './bdf';
import type { ReasonStep } from './steps';
import type { HostBridge, PciNode, Topology } from './types';

export interface RootDeviceInfo {
  vendor: string;
  device: string;
  /** Where the vendor:device came from. */
  source: 'rootDevice' | 'first-root-bus-device';
  bdf?: string;
}

/**
 * pci_host_bridge_dev() (p2pdma.c:322-356): the first device on the root bus if it is 00.0 or a Root Port.
 * A topology's explicit `rootDevice` is taken as that device's vendor:device.
 */
export function hostBridgeDev(hb: HostBridge): RootDeviceInfo | undefined {
  if (hb.rootDevice) return { ...hb.rootDevice, source: 'rootDevice' };
  const onRoot: PciNode[] = hb.devices.flatMap((d) => [d, ...d.functions.filter((f) => !f.physfn)]);
  const first = onRoot.sort((a, b) => (a.bdf < b.bdf ? -1 : a.bdf > b.bdf ? 1 : 0))[0];
  if (!first || !first.vendor || !first.device) return undefined;
  const p = parseBdf(first.bdf);
  const isDevfn0 = p !== undefined && p.device === 0 && p.fn === 0;
  if (!isDevfn0 && first.type !== 'root-port') return undefined;
  return { vendor: first.vendor, device: first.device, source: 'first-root-bus-device', bdf: first.bdf };
}

/** __host_bridge_whitelist(host, same_host_bridge) with its reasoning step. */
export function hostBridgeAllowed(hb: HostBridge, same: boolean): { ok: boolean; step: ReasonStep } {
  const root = hostBridgeDev(hb);
  if (!root) {
    return {
      ok: false,
      step: { kind: 'allowlist', ok: false, hostBridge: hb.id, citation: HOST_BRIDGE_DEV_CITATION,
        text: `host bridge ${hb.id}: no device the kernel can inspect (pci_host_bridge_dev() finds neither 00.0 nor a Root Port first on the root bus, or its vendor:device is unknown), so it is not allowlisted` },
    };
  }
  const id = `${root.vendor}:${root.device}`;
  const from = root.source === 'rootDevice' ? 'rootDevice' : `first root-bus device ${root.bdf}`;
  const entry = findAllowlistEntry(root.vendor, root.device);
  if (!entry) {
    return { ok: false, step: { kind: 'allowlist', ok: false, hostBridge: hb.id, rootDevice: id, citation: ALLOWLIST_CITATION,
      text: `host bridge ${hb.id}: ${id} (${from}) is not in pci_p2pdma_whitelist[] ("Host bridge not in P2PDMA whitelist")` } };
  }
  if (entry.reqSameHostBridge && !same) {
    return { ok: false, step: { kind: 'allowlist', ok: false, hostBridge: hb.id, rootDevice: id, citation: ALLOWLIST_CITATION,
      text: `host bridge ${hb.id}: ${id} (${entry.comment}) is allowlisted with REQ_SAME_HOST_BRIDGE, but provider and client are under different host bridges` } };
  }
  const flag = entry.reqSameHostBridge ? ' with REQ_SAME_HOST_BRIDGE (satisfied: same host bridge)' : ' (no flags)';
  return { ok: true, step: { kind: 'allowlist', ok: true, hostBridge: hb.id, rootDevice: id, citation: ALLOWLIST_CITATION,
    text: `host bridge ${hb.id}: ${id} (${entry.comment}) is in pci_p2pdma_whitelist[]${flag}` } };
}

/** host_bridge_whitelist(a, b) (p2pdma.c:387-405), short-circuiting like the C `&&`. */
export function hostBridgeWhitelist(a: HostBridge, b: HostBridge): { ok: boolean; steps: ReasonStep[] } {
  if (a === b) {
    const r = hostBridgeAllowed(a, true);
    const same: ReasonStep = { kind: 'host-bridge', hostBridge: a.id, citation: HOST_BRIDGE_WHITELIST_CITATION,
      text: `provider and client are below the same host bridge ${a.id}: it is checked with same_host_bridge=true` };
    return { ok: r.ok, steps: [same, r.step] };
  }
  const diff: ReasonStep = { kind: 'host-bridge', citation: HOST_BRIDGE_WHITELIST_CITATION,
    text: `provider is below ${a.id}, client below ${b.id}: both must pass with same_host_bridge=false` };
  const ra = hostBridgeAllowed(a, false);
  if (!ra.ok) return { ok: false, steps: [diff, ra.step] };
  const rb = hostBridgeAllowed(b, false);
  return { ok: rb.ok, steps: [diff, ra.step, rb.step] };
}

export function cpuRuleStep(cpu: Topology['cpu']): ReasonStep {
  const ok = cpuSupportsP2pdma(cpu);
  const fam = cpu.family === undefined ? 'unknown family' : `family 0x${cpu.family.toString(16)}`;
  const text = ok
    ? `CPU is AMD ${fam} >= 0x17 (Zen): cpu_supports_p2pdma() is true, so the host bridge allowlist is not consulted`
    : cpu.vendor === 'amd'
      ? `CPU is AMD ${fam} < 0x17 (or unknown): cpu_supports_p2pdma() is false, the host bridge allowlist decides`
      : `CPU vendor ${cpu.vendor}: cpu_supports_p2pdma() is false (only AMD family >= 0x17 qualifies), the host bridge allowlist decides`;
  return { kind: 'cpu-rule', ok, text, citation: CPU_SUPPORTS_CITATION };
}
