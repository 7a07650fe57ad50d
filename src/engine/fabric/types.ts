// Topology model of a PCIe fabric: host bridges, ports, endpoints, ACS state, BARs, IOMMU and CPU (pure data).

/** Canonical BDF: `dddd:bb:dd.f`, lower-case hex. */
export type Bdf = string;

export type DeviceType = 'root-port' | 'switch-upstream' | 'switch-downstream' | 'endpoint' | 'rc-integrated' | 'bridge';
export const DEVICE_TYPES: readonly DeviceType[] = ['root-port', 'switch-upstream', 'switch-downstream', 'endpoint', 'rc-integrated', 'bridge'];

/** ACS capability / control bits (include/uapi/linux/pci_regs.h:979-989). */
export type AcsBit = 'SV' | 'TB' | 'RR' | 'CR' | 'UF' | 'EC' | 'DT';
export const ACS_BIT_NAMES: readonly AcsBit[] = ['SV', 'TB', 'RR', 'CR', 'UF', 'EC', 'DT'];

export type CpuVendor = 'intel' | 'amd' | 'arm' | 'ibm' | 'other';
export const CPU_VENDORS: readonly CpuVendor[] = ['intel', 'amd', 'arm', 'ibm', 'other'];

export type IommuMode = 'off' | 'passthrough' | 'translated';
export const IOMMU_MODES: readonly IommuMode[] = ['off', 'passthrough', 'translated'];

/** `kernel-default`: Linux adds SV/RR/CR/UF at boot when an IOMMU requested ACS; `disabled`: ctrl bits are taken as listed. */
export type AcsRedirectPolicy = 'kernel-default' | 'disabled';
export const ACS_REDIRECT_POLICIES: readonly AcsRedirectPolicy[] = ['kernel-default', 'disabled'];

export interface AcsState {
  /** The device has an ACS extended capability (`dev->acs_cap != 0`). */
  cap: boolean;
  /** ACS Control register bits as listed in the file (before the kernel-default effect). */
  ctrl: AcsBit[];
  /** Optional: the bits the ACS Capability register advertises (when known, the kernel only sets those). */
  capBits?: AcsBit[];
}

export interface Bar {
  index: number;
  cpuAddress: bigint;
  size: bigint;
  is64: boolean;
  prefetchable: boolean;
}

export interface PciNode {
  bdf: Bdf;
  type: DeviceType;
  name?: string;
  vendor?: string;
  device?: string;
  /** PCI class code as 4 or 6 hex digits, e.g. "0200". */
  classCode?: string;
  acs?: AcsState;
  bars: Bar[];
  /** Devices on the secondary bus of a bridge-like node. */
  children: PciNode[];
  /** Further functions of a multi-function device (siblings on the same bus as this node). */
  functions: PciNode[];
  /** For an SR-IOV VF: the BDF of its PF. */
  physfn?: Bdf;
  /** JSON path of the node in the source file (for diagnostics). */
  jsonPath?: string;
}

export interface Window {
  cpuStart: bigint;
  busStart: bigint;
  size: bigint;
}

export interface HostBridge {
  id: string;
  segment: number;
  rootBus: number;
  /** Vendor:device of the device the kernel inspects for the P2P allowlist (pci_host_bridge_dev()). */
  rootDevice?: { vendor: string; device: string };
  windows: Window[];
  devices: PciNode[];
}

/**
 * The code runs inside a virtual machine: `arch` of the guest kernel, the hypervisor, and which devices of this
 * (guest-view) topology are assigned host devices (vfio passthrough). Used by wc-lost-in-guest.
 */
export interface GuestConfig {
  arch: 'arm64' | 'x86_64' | 'powerpc64' | 'riscv64';
  hypervisor: 'kvm' | 'other';
  /** BDFs of assigned devices; absent: every endpoint except virtio (1af4) and QEMU-emulated (1b36) ones. */
  assigned?: Bdf[];
}
export const GUEST_ARCHES: readonly GuestConfig['arch'][] = ['arm64', 'x86_64', 'powerpc64', 'riscv64'];
export const HYPERVISORS: readonly GuestConfig['hypervisor'][] = ['kvm', 'other'];

export interface Topology {
  cpu: { vendor: CpuVendor; family?: number };
  /** Present when the topology is a guest's view of PCI (the driver runs in a VM). */
  guest?: GuestConfig;
  iommu: { mode: IommuMode; acsRedirect: AcsRedirectPolicy };
  hostBridges: HostBridge[];
  /** Free-form notes (e.g. assumptions made by an importer). */
  notes: string[];
  name?: string;
  description?: string;
}

/** Source position of a JSON value (1-based line and column). */
export interface SourcePos {
  line: number;
  column: number;
}

export interface TopologyIssue {
  /** JSON path such as `hostBridges[0].devices[1].bars[0].size` ("" for the document). */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type MapType = 'BUS_ADDR' | 'THRU_HOST_BRIDGE' | 'NOT_SUPPORTED';
export type ProgramAddress = 'pci-bus-address' | 'iova' | 'cpu-physical' | 'none';
