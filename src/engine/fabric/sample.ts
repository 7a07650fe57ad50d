// The bundled sample topology (test-fixtures/topologies/sample.fabric.json), inlined by esbuild so no fs is needed.

import sampleJson from '../../../test-fixtures/topologies/sample.fabric.json';
import { formatIssue, validateTopology } from './parse-topology';
import type { Topology } from './types';

/** The sample as plain JSON (the `*.fabric.json` form). */
export const SAMPLE_TOPOLOGY_JSON: unknown = sampleJson;

/** The sample as pretty-printed text, e.g. to open it in an editor. */
export function sampleTopologyText(): string {
  return `${JSON.stringify(sampleJson, null, 2)}\n`;
}

/** The sample, parsed and validated (the default topology when none is configured). */
export function sampleTopology(): Topology {
  const r = validateTopology(sampleJson);
  if (!r.topology) throw new Error(`bundled sample topology is invalid: ${r.errors.map(formatIssue).join('; ')}`);
  return r.topology;
}
