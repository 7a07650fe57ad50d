// Rule p2p-distance-unchecked: a P2P mapping of a peer BAR that no pci_p2pdma_distance*() check reaches (in the
// function, its callers in the analysed files, helpers they call, or the attach callback of the dma_buf_ops whose
// map_dma_buf leads to it), and pci_p2pdma_distance*() calls whose negative result is dropped. The kernel returns -1
// for a path it will not route (NOT_SUPPORTED: a host bridge not on the allowlist, p2pdma.c:299-405, 544-601); without
// the check the peer's DMA goes to a root complex that drops or misroutes it.
import type { FunctionFacts } from '../../analysis/facts';
import { archesOf } from '../arch-mask';
import type { Rule } from '../rules/rule';
import { fabricContext, type FabricContext } from './context';
import { listOf, nodeName, originWords, p2pMapSites, pairVerdicts } from './p2p-sites';

const HELPER_DEPTH = 2;

export const p2pDistanceUnchecked: Rule = {
  id: 'p2p-distance-unchecked',
  defaultSeverity: 'warning',
  summary: 'P2P mapping of a peer BAR with no pci_p2pdma_distance*() check reaching it, or a check whose negative result is ignored.',
  runProject(ctx) {
    const fc = fabricContext(ctx);
    const arches = archesOf(ctx.mask);
    for (const path of ctx.paths) {
      for (const c of fc.fabricOf(path)?.p2pChecks ?? []) {
        if (c.fate === 'used') continue;
        const how = c.fate === 'ignored' ? 'its result is dropped' : 'its result is stored and never read';
        ctx.report({
          file: path, span: c.span, arches, function: c.fn, fixes: [], related: [],
          message: `${c.api}() is called but ${how}: a negative distance (-1: some client cannot reach the provider, p2pdma.c:544-601) must stop the P2P setup. Test it: if (${c.api}(...) < 0) fall back to host memory.`,
        });
      }
    }
    const checks = new CheckIndex(fc);
    for (const site of p2pMapSites(fc, ctx.paths)) {
      const { fn, call, bar } = site;
      if (checks.gated(fn)) continue;
      let topoNote = '';
      const providers = fc.devicesOf(bar.file).length ? fc.devicesOf(bar.file) : fc.devicesOf(fn.file);
      if (fc.topo && providers.length) {
        const bad = pairVerdicts(fc, providers).filter((p) => p.verdict.mapType === 'NOT_SUPPORTED');
        topoNote = bad.length
          ? ` In the topology pci_p2pdma_distance() would return -1 for ${listOf(bad.map((p) => `${nodeName(p.provider)} -> ${nodeName(p.client)} (${p.verdict.providerHostBridge}${p.verdict.providerHostBridge !== p.verdict.clientHostBridge ? ` / ${p.verdict.clientHostBridge}` : ''})`))}.`
          : ' In the topology every peer is reachable (no NOT_SUPPORTED pair), but another machine may differ.';
      }
      ctx.report({
        file: fn.file, span: call.span, arches, function: fn.name, fixes: [],
        message: `${call.callee}() maps ${call.argTexts[1]} (a PCI BAR's CPU address from ${originWords(bar)}) for ${site.clientText}, and no pci_p2pdma_distance*() check reaches it (not in ${fn.name}(), its callers in the analysed files, or a dma-buf attach callback). When the path crosses a host bridge the kernel does not allow (p2pdma.c:299-405) the peer's TLPs are dropped or misrouted by the root complex; gate the mapping on pci_p2pdma_distance(provider, client, true) >= 0.${topoNote}`,
        related: [{ file: bar.file, span: bar.span, message: 'the BAR address comes from here' }],
      });
    }
  },
};

/** Which functions call a pci_p2pdma_distance*() whose result is used, directly or through helpers. */
class CheckIndex {
  private readonly memo = new Map<FunctionFacts, boolean>();
  private readonly attachOf = new Map<string, string[]>();

  constructor(private readonly fc: FabricContext) {
    for (const f of fc.files) for (const o of f.fabric?.dmaBufOps ?? []) if (o.map && o.attach) this.attachOf.set(o.map, [...(this.attachOf.get(o.map) ?? []), o.attach]);
  }

  checks(fn: FunctionFacts, depth = 0, seen = new Set<FunctionFacts>()): boolean {
    if (depth === 0) { const hit = this.memo.get(fn); if (hit !== undefined) return hit; }
    if (seen.has(fn)) return false;
    seen.add(fn);
    let result = (this.fc.fabricOf(fn.file)?.p2pChecks ?? []).some((c) => c.fn === fn.name && c.fate === 'used');
    if (!result && depth < HELPER_DEPTH) {
      for (const name of fn.calls ?? []) {
        const callee = this.fc.index.lookupFunction(name, fn.file);
        if (callee && this.checks(callee, depth + 1, seen)) { result = true; break; }
      }
    }
    if (depth === 0) this.memo.set(fn, result);
    return result;
  }

  /** A check in the mapping function, any caller, or the attach callback paired with a map_dma_buf among the callers. */
  gated(fn: FunctionFacts): boolean {
    for (const f of this.fc.callerClosure(fn)) {
      if (this.checks(f)) return true;
      for (const a of this.attachOf.get(f.name) ?? []) {
        const attach = this.fc.index.lookupFunction(a, f.file);
        if (attach && this.checks(attach)) return true;
      }
    }
    return false;
  }
}
