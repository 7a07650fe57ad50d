// A set of resolved origins in one order, whatever order resolution found them in.
import type { Origin } from './facts';

/** The origins without repeats, in one order whatever order they were found in (memo hits change that order). */
export function canonical(origins: Origin[]): Origin[] {
  if (origins.length <= 1) return origins.slice();
  const byKey = new Map<string, Origin>();
  for (const o of origins) {
    const k = originKey(o);
    const had = byKey.get(k);
    // Two objects for one site (a known member's origin is made per read): the same one whichever came first.
    if (!had || (had !== o && JSON.stringify(o) < JSON.stringify(had))) byKey.set(k, o);
  }
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}

function originKey(o: Origin): string {
  return `${o.file}\u0000${String(o.span.start.line).padStart(9, '0')}:${String(o.span.start.character).padStart(9, '0')}\u0000${o.kind}:${o.api}`;
}
