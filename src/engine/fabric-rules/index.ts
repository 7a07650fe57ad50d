// The fabric rules of issue 4 (ids are a public contract), run once per check over the whole analysed project.
import type { Rule } from '../rules/rule';
import { cpuPhysAsBusAddress } from './cpu-phys-as-bus-address';
import { dmaMaskUnchecked } from './dma-mask-unchecked';
import { p2pDistanceUnchecked } from './p2p-distance-unchecked';
import { p2pIovaThroughSwitch } from './p2p-iova-through-switch';
import { wcLostInGuest } from './wc-lost-in-guest';
import { wcOnNonPrefetchableBar } from './wc-on-non-prefetchable-bar';

export const FABRIC_RULES: readonly Rule[] = [
  p2pIovaThroughSwitch, p2pDistanceUnchecked, cpuPhysAsBusAddress, wcOnNonPrefetchableBar, wcLostInGuest, dmaMaskUnchecked,
];

export { parseDeviceMap, deviceMapFromJson, deviceMapFromInline } from './device-map';
export type { DeviceMap, DeviceMapResult } from './device-map';
