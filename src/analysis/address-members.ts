// Members that hold only DMA addresses (or constants) the CPU stores: every store in the driver is classified.
import { classifyStore, declaresDmaReturn, storedValues } from './address-stores';
import type { FileVisibility } from './file-visibility';
import type { FunctionTable } from './function-lookup';
import type { StructDeclarations } from './struct-declarations';

export class AddressMembers {
  private readonly addressMemo = new Map<string, boolean>();

  constructor(
    private readonly decls: StructDeclarations,
    private readonly visibility: FileVisibility,
    private readonly functions: FunctionTable,
    private readonly numericDefine: (name: string, file: string) => string | undefined,
  ) {}

  /** Drops the memoised answers (the functions changed). */
  clearCaches(): void { this.addressMemo.clear(); }

  /**
   * True when every store to member `field` in the driver of `file` (the same file, or files sharing a local header)
   * assigns a DMA address or a constant (a literal, or a numeric `#define` the writer's file sees: wcn36xx's RX
   * channels' `src_addr_l = WCN36XX_DXE_WQ_RX_L`), and at least one a DMA address.
   */
  addressMember(file: string, field: string): boolean {
    const key = `${file}\u0000${field}`;
    let hit = this.addressMemo.get(key);
    if (hit === undefined) { hit = this.computeAddressMember(file, field); this.addressMemo.set(key, hit); }
    return hit;
  }

  private computeAddressMember(file: string, field: string): boolean {
    const writers = (this.functions.writersOf().get(field) ?? []).filter((fn) => !fn.isMacro && this.visibility.sameDriver(fn.file, file));
    const typesIn = (writer: string) => ({
      dmaMember: (name: string) => (this.decls.dmaFiles.get(name) ?? []).some((f) => this.visibility.declaresFor(f, file)),
      returnsDma: (name: string) => { const fn = this.functions.lookupFunction(name, writer); return !!fn?.source && declaresDmaReturn(fn.source.text, name); },
      macro: (name: string) => this.functions.visibleMacro(name, writer),
      numericDefine: (name: string) => this.numericDefine(name, writer) !== undefined,
    });
    let address = false;
    for (const fn of writers) {
      const text = fn.source?.text ?? '';
      const types = typesIn(fn.file);
      for (const value of storedValues(text, field)) {
        const kind = classifyStore(value, text, types);
        if (kind === 'other') return false;
        if (kind === 'address') address = true;
      }
    }
    return address;
  }
}
