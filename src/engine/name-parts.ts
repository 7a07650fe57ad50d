// The words of an identifier, split at underscores and case changes, lower-cased: `MTK_PDMA_INT_STATUS` -> mtk, pdma,
// int, status; `lastTime` -> last, time; `TxCmd` -> tx, cmd.

export function nameParts(id: string): string[] {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split('_').filter(Boolean);
}
