// What an error label knows of a variable: `if (ret) goto err; ... err: cleanup(); return ret;` returns a nonzero
// value, because every goto to the label came from a branch that said so and nothing between assigns it.
import type { Node } from 'web-tree-sitter';
import { joinKinds, type ResultKind } from './result-tests';
import { writesVariable } from './statement-shapes';

export type Snapshot = Map<string, ResultKind>;

/** Collects what the enclosing branches say at each goto, and joins it at the label they go to. */
export class LabelKnowledge {
  private readonly atGotos = new Map<string, Snapshot[]>();
  private gotoCounts?: Map<string, number>;
  /** What the label the builder is past made known (the variables it put into the builder's map). */
  private fromLabel: Snapshot = new Map();

  constructor(private readonly body: Node) {}

  /** Records what is known where a `goto label` is taken. */
  goto(label: string, known: ReadonlyMap<string, () => ResultKind | undefined>): void {
    const snap: Snapshot = new Map();
    for (const [name, kind] of known) { const k = kind(); if (k) snap.set(name, k); }
    const list = this.atGotos.get(label) ?? [];
    this.atGotos.set(label, [...list, snap]);
  }

  /**
   * At a label: what the previous label made known ends in `known` (the builder's map of what enclosing branches say),
   * and what this label's gotos and the code falling into it (`fallsIn`) agree on starts.
   */
  enter(label: Node, fallsIn: boolean, known: Map<string, () => ResultKind | undefined>): void {
    const fallthrough = fallsIn ? this.fromLabel : undefined;
    for (const name of this.fromLabel.keys()) known.delete(name);
    this.fromLabel = this.at(label, fallthrough);
    for (const [name, kind] of this.fromLabel) if (!known.has(name)) known.set(name, () => kind);
  }

  /**
   * What holds at a label directly in the function body, when every goto to it comes before it (no loop back to it)
   * and each, and the statement falling into it (`fallthrough`, when one does), agree on a variable, until the next
   * label; a variable the statements from the label to the next one may write is left out.
   */
  private at(label: Node, fallthrough: Snapshot | undefined): Snapshot {
    const text = label.childForFieldName('label')?.text ?? '';
    const snaps = this.atGotos.get(text) ?? [];
    if (label.parent?.id !== this.body.id || snaps.length === 0 || snaps.length !== this.countGotos(text)) return new Map();
    const sources = fallthrough ? [...snaps, fallthrough] : snaps;
    const segment = segmentText(label);
    const out: Snapshot = new Map();
    for (const [v, first] of sources[0]) {
      const kind = sources.slice(1).reduce<ResultKind | undefined>((k, s) => joinKinds(k, s.get(v)), first);
      if (kind && !writesVariable(segment, v)) out.set(v, kind);
    }
    return out;
  }

  private countGotos(label: string): number {
    if (!this.gotoCounts) {
      this.gotoCounts = new Map();
      for (const g of this.body.descendantsOfType('goto_statement')) {
        const l = g?.childForFieldName('label')?.text ?? '';
        this.gotoCounts.set(l, (this.gotoCounts.get(l) ?? 0) + 1);
      }
    }
    return this.gotoCounts.get(label) ?? 0;
  }
}

/** The text from a label to the next label of the same block (or the block's end). */
function segmentText(label: Node): string {
  const parts: string[] = [];
  for (let n: Node | null = label; n; n = n.nextNamedSibling) {
    if (n !== label && n.type === 'labeled_statement') break;
    parts.push(n.text);
  }
  return parts.join('\n');
}
