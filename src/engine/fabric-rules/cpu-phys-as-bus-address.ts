// Rule cpu-phys-as-bus-address: a PCI BAR's CPU physical address (pci_resource_start(), `pdev->resource[i].start`,
// `res->start`) handed to a device — written to an MMIO register (directly or through helpers and macros), stored in
// a descriptor in DMA-coherent or device memory, or given to a DMA engine as a transfer address. Devices see PCI bus
// addresses: pci_bus_address() = CPU address minus the host-bridge window offset (include/linux/pci.h:1534-1540,
// drivers/pci/host-bridge.c:51-68). On x86/ACPI the offset is usually 0; on DT host bridges with translating `ranges`
// it is not, and the device emits an address nothing decodes.
import type { Event, FunctionFacts, Origin, PExpr } from '../../analysis/facts';
import { hex } from '../fabric/bdf';
import { archesOf } from '../arch-mask';
import type { Fix } from '../findings';
import type { ProjectRuleContext, Rule } from '../rules/rule';
import { fabricContext, type BarOrigin, type FabricContext } from './context';
import { listOf, originWords } from './p2p-sites';

/** DMA-engine calls and the arguments that are transfer addresses (dma_addr_t). */
const DMA_ADDRESS_ARGS: ReadonlyMap<string, number[]> = new Map([
  ['dmaengine_prep_dma_memcpy', [1, 2]], ['dmaengine_prep_slave_single', [1]], ['dmaengine_prep_dma_cyclic', [1]],
  ['dmaengine_prep_dma_memset', [1]],
]);

function isDeviceMemory(o: Origin): boolean {
  return o.kind === 'dma-coherent' || (o.kind === 'mapping' && o.memKind !== 'memremap_wb');
}

interface Sink { what: string; bar: BarOrigin; value?: PExpr }

export const cpuPhysAsBusAddress: Rule = {
  id: 'cpu-phys-as-bus-address',
  defaultSeverity: 'warning',
  summary: 'A PCI BAR\'s CPU physical address is handed to a device, which needs the PCI bus address (pci_bus_address()).',
  runProjectFunction(ctx, fn) {
    const fc = fabricContext(ctx);
    const arches = archesOf(ctx.mask);
    for (const ev of fc.scanEvents(fn)) {
      const sink = sinkOf(fc, fn, ev);
      if (!sink || sink.value === undefined || fc.ambiguous(sink.value, fn)) continue;
      if (ev.kind === 'store' && looksLikeDeclaration(ctx.lineText(fn.file, ev.span.start.line))) continue;
      const { bar } = sink;
      const topo = topologyNote(fc, fn.file, bar.file);
      ctx.report({
        file: fn.file, span: ev.span, arches, function: fn.name, severity: topo.severity,
        message: `${sink.what} is a PCI BAR's CPU physical address (${originWords(bar)}), but a device sees PCI bus addresses: pci_bus_address() = CPU address minus the host-bridge window offset (include/linux/pci.h:1534-1540, drivers/pci/host-bridge.c:51-68). On host bridges with a translated window (DT \`ranges\`, many arm64/powerpc/riscv systems) the device would use an address nothing decodes. Use pci_bus_address(pdev, bar).${topo.text}`,
        fixes: fixFor(ctx, bar),
        related: [{ file: bar.file, span: bar.span, message: `CPU physical address from ${bar.api}` }],
      });
    }
  },
};

function pciBar(fc: FabricContext, os: Origin[]): BarOrigin | undefined {
  return fc.pciBarOrigin(os);
}

function sinkOf(fc: FabricContext, fn: FunctionFacts, ev: Event): Sink | undefined {
  if (ev.kind === 'access' && ev.dir === 'write' && ev.family !== 'string' && ev.family !== 'toio' && ev.family !== 'copy') {
    const bar = pciBar(fc, fc.resolveLocal(ev.value, fn));
    return bar ? { what: `${ev.api}() writes ${ev.valueText ?? 'a value'} to a device register; the value`, bar, value: ev.value } : undefined;
  }
  if (ev.kind === 'store' && ev.value) {
    if (!fc.resolveLocal(ev.base, fn).some(isDeviceMemory)) return undefined;
    const bar = pciBar(fc, fc.resolveLocal(ev.value, fn));
    return bar ? { what: `The store to ${ev.targetText} (memory the device reads) writes ${ev.valueText ?? 'a value'}, which`, bar, value: ev.value } : undefined;
  }
  if (ev.kind !== 'call') return undefined;
  const dmaArgs = DMA_ADDRESS_ARGS.get(ev.callee);
  if (dmaArgs) {
    for (const i of dmaArgs) {
      const bar = pciBar(fc, fc.resolveLocal(ev.args[i], fn));
      if (bar) return { what: `${ev.callee}() gets ${ev.argTexts[i]} as a DMA transfer address; it`, bar, value: ev.args[i] };
    }
    return undefined;
  }
  const callee = fc.index.lookupFunction(ev.callee, fn.file);
  if (!callee || callee === fn) return undefined;
  for (let i = 0; i < ev.args.length; i++) {
    const bar = pciBar(fc, fc.resolveLocal(ev.args[i], fn));
    if (bar && fc.paramReachesMmio(callee, i)) return { what: `${ev.callee}() writes its argument ${ev.argTexts[i]} to a device register; that value`, bar, value: ev.args[i] };
  }
  return undefined;
}

function topologyNote(fc: FabricContext, file: string, barFile: string): { text: string; severity?: 'error' } {
  if (!fc.topo) return { text: '' };
  const devices = fc.devicesOf(barFile).length ? fc.devicesOf(barFile) : fc.devicesOf(file);
  if (devices.length === 0) {
    const shifted = fc.topo.topology.hostBridges.filter((hb) => hb.windows.some((w) => w.cpuStart !== w.busStart));
    return { text: shifted.length ? ` In the topology, host bridges ${listOf(shifted.map((h) => h.id))} translate their windows.` : '' };
  }
  const bad = devices.flatMap((d) => d.hostBridge.windows.filter((w) => w.cpuStart !== w.busStart).map((w) => `${d.node.bdf} is below ${d.hostBridge.id}, whose window CPU ${hex(w.cpuStart)} is bus ${hex(w.busStart)} (offset ${hex(w.cpuStart - w.busStart)})`));
  if (bad.length) return { severity: 'error', text: ` In the topology ${listOf([...new Set(bad)], 2)}: the device gets the wrong address.` };
  return { text: ` In the topology the windows of ${listOf([...new Set(devices.map((d) => d.hostBridge.id))])} have offset 0, so the value happens to be right on this machine.` };
}

function fixFor(ctx: ProjectRuleContext, bar: BarOrigin): Fix[] {
  const s = bar.span;
  if (s.start.line !== s.end.line) return [];
  const line = ctx.lineText(bar.file, s.start.line);
  if (line === undefined) return [];
  const text = line.slice(s.start.character, s.end.character);
  let replacement: string | undefined;
  if (bar.api === 'pci_resource_start' && text.startsWith('pci_resource_start')) replacement = `pci_bus_address${text.slice('pci_resource_start'.length)}`;
  const m = /^(.+?)\s*->\s*resource\s*\[(.+)\]\s*\.\s*start$/.exec(text);
  if (m) replacement = `pci_bus_address(${m[1]}, ${m[2]})`;
  if (!replacement) return [];
  return [{ title: 'Use pci_bus_address() (the address the device sees)', preferred: true, edits: [{ file: bar.file, span: s, newText: replacement }] }];
}

/**
 * `struct device_reg __iomem *reg = ha->iobase;` read as a store through `*reg` when a macro upsets the parse
 * (qla1280.c, sunzilog.c): a pointer declaration's initialiser is not a store to device memory.
 */
function looksLikeDeclaration(line: string | undefined): boolean {
  return line !== undefined && /^\s*(?:(?:static|const|volatile|register)\s+)*(?:struct|union|enum)\s+\w+[\w\s]*\*\s*\w+\s*(?:=|$)/.test(line);
}
