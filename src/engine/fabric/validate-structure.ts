// Cross-node checks of a topology: duplicate BDFs and host bridges, dangling physfn, children on endpoints, BAR sanity.

import { parseBdf } from './bdf';
import { childPath } from './json-source';
import { allNodes, indexTopology, windowFor } from './topology-index';
import type { ValidateContext } from './validate-context';
import type { HostBridge, PciNode, Topology } from './types';

const BRIDGE_TYPES = new Set(['root-port', 'switch-upstream', 'switch-downstream', 'bridge']);

export function validateStructure(ctx: ValidateContext, t: Topology): void {
  const ix = indexTopology(t);
  for (const d of ix.duplicates) {
    for (const p of d.paths.slice(1)) ctx.error(childPath(p, 'bdf'), `duplicate BDF ${d.bdf} (first defined at ${d.paths[0]})`);
  }
  const ids = new Map<string, number>();
  t.hostBridges.forEach((hb, i) => {
    const prev = ids.get(hb.id);
    if (prev !== undefined) ctx.error(`hostBridges[${i}].id`, `duplicate host bridge id "${hb.id}" (first at hostBridges[${prev}])`);
    else ids.set(hb.id, i);
    checkHostBridge(ctx, hb, `hostBridges[${i}]`);
  });
  for (const n of allNodes(t)) {
    checkNode(ctx, n);
    if (n.physfn) {
      const pf = ix.byBdf.get(n.physfn);
      const p = childPath(n.jsonPath ?? '', 'physfn');
      if (!pf) ctx.error(p, `physfn ${n.physfn} does not exist in the topology`);
      else if (pf.node === n) ctx.error(p, 'a VF cannot be its own physfn');
      else if (pf.node.physfn) ctx.error(p, `physfn ${n.physfn} is itself a VF`);
    }
  }
}

function checkHostBridge(ctx: ValidateContext, hb: HostBridge, path: string): void {
  hb.devices.forEach((d, i) => {
    const bus = parseBdf(d.bdf)?.bus;
    if (bus !== hb.rootBus) {
      ctx.warn(childPath(childPath(childPath(path, 'devices'), i), 'bdf'), `device ${d.bdf} sits on the root bus but its bus number is not rootBus ${hb.rootBus.toString(16).padStart(2, '0')}`);
    }
    if (d.type === 'switch-upstream' || d.type === 'switch-downstream') {
      ctx.warn(childPath(childPath(childPath(path, 'devices'), i), 'type'), `a ${d.type} directly on the root bus is unusual (expected a root port above it)`);
    }
  });
  const walk = (n: PciNode) => {
    n.bars.forEach((b, i) => {
      if (hb.windows.length > 0 && !windowFor(hb, b.cpuAddress)) {
        ctx.warn(childPath(childPath(n.jsonPath ?? '', 'bars'), i), `BAR ${b.index} at 0x${b.cpuAddress.toString(16)} is outside every window of ${hb.id}; its bus address is assumed equal to the CPU address`);
      }
    });
    n.functions.forEach(walk);
    n.children.forEach(walk);
  };
  hb.devices.forEach(walk);
}

function checkNode(ctx: ValidateContext, n: PciNode): void {
  const path = n.jsonPath ?? n.bdf;
  if (n.children.length > 0 && !BRIDGE_TYPES.has(n.type)) {
    ctx.error(childPath(path, 'children'), `a ${n.type} has no secondary bus, so it cannot have children (list further functions under "functions")`);
  }
  const own = parseBdf(n.bdf);
  n.functions.forEach((f, i) => {
    const p = parseBdf(f.bdf);
    const fp = childPath(childPath(path, 'functions'), i);
    if (own && p && !f.physfn && (p.bus !== own.bus || p.device !== own.device)) {
      ctx.error(childPath(fp, 'bdf'), `function ${f.bdf} is not a function of device ${n.bdf.slice(0, -2)} (only VFs with "physfn" may differ)`);
    }
  });
  const indices = new Set<number>();
  n.bars.forEach((b, i) => {
    const bp = childPath(childPath(path, 'bars'), i);
    if (indices.has(b.index)) ctx.error(childPath(bp, 'index'), `duplicate BAR index ${b.index}`);
    indices.add(b.index);
    if (b.is64 && b.index === 5) ctx.error(childPath(bp, 'is64'), 'a 64-bit BAR uses two BAR slots, so it cannot start at index 5');
  });
}
