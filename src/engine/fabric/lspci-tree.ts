// Parser of `lspci -tv` / `lspci -t` tree text: which bridge (or root bus) each device sits below.

import { formatBdf } from './bdf';
import type { Bdf } from './types';

export interface TreePlacement {
  bdf: Bdf;
  /** Bridge above the device; undefined on a root bus. */
  parent?: Bdf;
  /** `[dddd:bb]` root bus the device's hierarchy starts at. */
  rootSegment: number;
  rootBus: number;
  name?: string;
}

interface Frame {
  col: number;
  segment: number;
  bus: number;
  /** Device whose secondary bus this frame is; undefined for a root bus. */
  bridge?: Bdf;
  rootSegment: number;
  rootBus: number;
}

const DEV_RE = /^([0-9a-fA-F]{2})\.([0-7])(?:-\[([0-9a-fA-F]{2})(?:-([0-9a-fA-F]{2}))?\])?/;
const BUS_RE = /^\[([0-9a-fA-F]{4}):([0-9a-fA-F]{2})\]/;

function popTo(stack: Frame[], col: number): void {
  while (stack.length > 0 && stack[stack.length - 1].col >= col) stack.pop();
}

function scanLine(line: string, stack: Frame[], out: TreePlacement[]): void {
  let i = 0;
  while (i < line.length) {
    if ('-+|\\ `'.includes(line[i])) {
      i++;
      continue;
    }
    const rest = line.slice(i);
    const bus = BUS_RE.exec(rest);
    if (bus) {
      popTo(stack, i);
      const parent = stack[stack.length - 1];
      const segment = parseInt(bus[1], 16);
      const n = parseInt(bus[2], 16);
      stack.push({ col: i, segment, bus: n, bridge: parent?.bridge, rootSegment: parent ? parent.rootSegment : segment, rootBus: parent ? parent.rootBus : n });
      i += bus[0].length;
      continue;
    }
    const dev = DEV_RE.exec(rest);
    if (!dev) return;
    popTo(stack, i);
    const ctx = stack[stack.length - 1];
    if (!ctx) return;
    const bdf = formatBdf({ segment: ctx.segment, bus: ctx.bus, device: parseInt(dev[1], 16), fn: Number(dev[2]) });
    const p: TreePlacement = { bdf, rootSegment: ctx.rootSegment, rootBus: ctx.rootBus };
    if (ctx.bridge) p.parent = ctx.bridge;
    out.push(p);
    i += dev[0].length;
    if (dev[3] !== undefined) {
      stack.push({ col: i - dev[0].length, segment: ctx.segment, bus: parseInt(dev[3], 16), bridge: bdf, rootSegment: ctx.rootSegment, rootBus: ctx.rootBus });
    }
    const name = /^ {2}(.*)$/.exec(line.slice(i));
    if (name) {
      p.name = name[1].trim();
      return;
    }
  }
}

/** Parses `lspci -t[v]` output. Devices on a bus are placed below the bridge whose `-[ss-ee]` opened that bus. */
export function parseLspciTree(text: string): TreePlacement[] {
  const out: TreePlacement[] = [];
  const stack: Frame[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    scanLine(line, stack, out);
  }
  return out;
}
