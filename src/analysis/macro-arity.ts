// Whether a call's arguments can fill a function-like macro's parameters: only then is it the definition compiled there.
import type { FunctionFacts } from './facts';

/**
 * A macro whose parameters the call's arguments cannot fill is not the definition compiled here (the preprocessor would
 * reject the call): another definition under a condition, or a header of another version. DPDK's ENA
 * `ENA_REG_WRITE32(value, reg)` of an older ena_plat_dpdk.h, called as `ENA_REG_WRITE32(bus, value, reg)`, would bind
 * the bus handle as the value and the value as the register. A call with no argument may fill one parameter.
 */
export function arityFits(callee: FunctionFacts, args: number): boolean {
  if (!callee.isMacro) return true;
  const want = callee.params.length;
  return args === want || (args === 0 && want === 1) || (callee.variadic === true && args >= want);
}
