// Sets of architectures as bit masks, for the path analysis that tracks one obligation per architecture at once.
import { ARCHES, type Arch } from './arch';

export type Mask = number;
export const NONE: Mask = 0;

export function bit(arch: Arch): Mask {
  return 1 << ARCHES.indexOf(arch);
}

export function maskOf(arches: readonly Arch[]): Mask {
  return arches.reduce((m, a) => m | bit(a), 0);
}

export function archesOf(mask: Mask): Arch[] {
  return ARCHES.filter((a) => mask & bit(a));
}

/** The mask of arches (within `within`) for which `pred` holds. */
export function maskWhere(within: Mask, pred: (arch: Arch) => boolean): Mask {
  let m = 0;
  for (let i = 0; i < ARCHES.length; i++) if (within & (1 << i) && pred(ARCHES[i])) m |= 1 << i;
  return m;
}
