// Public API of the PCIe fabric engine: topology parsing, P2P classification, lspci/sysfs import, rendering, sample.

export * from './types';
export { parseTopologyText, validateTopology, formatIssue } from './parse-topology';
export type { ParseResult } from './parse-topology';
export { classifyP2P, reportToJson } from './p2p-verdict';
export type { ClientVerdict, P2PReport, P2PResult } from './p2p-verdict';
export type { BarAddress } from './p2p-address';
export { calcMapTypeAndDist, p2pdmaDistanceMany } from './p2pdma';
export type { KernelResult, AcsHit } from './p2pdma';
export type { ReasonStep, StepKind } from './steps';
export { KERNEL_CITATIONS } from './steps';
export { ACS_BITS, ACS_CITATIONS, effectiveAcsCtrl, kernelEnablesAcs } from './acs';
export type { AcsBitInfo } from './acs';
export { P2PDMA_HOST_BRIDGE_ALLOWLIST, findAllowlistEntry, cpuSupportsP2pdma } from './allowlist';
export type { AllowlistEntry } from './allowlist';
export { hostBridgeDev } from './host-bridge-check';
export { indexTopology, busAddressOf, allNodes } from './topology-index';
export type { TopologyIndex, IndexedNode } from './topology-index';
export { normalizeBdf, parseBdf, formatBdf, hex, formatSize } from './bdf';
export { renderTopologyText, renderP2PText } from './render';
export { topologyToJson, topologyToText } from './serialize';
export { SAMPLE_TOPOLOGY_JSON, sampleTopology, sampleTopologyText } from './sample';
