// What the engine reports: findings with per-architecture explanations, related locations and quick fixes.
import type { Span } from '../analysis/facts';
import type { Arch } from './arch';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Related { file: string; span: Span; message: string }

export interface TextEdit { file: string; span: Span; newText: string }

export interface Fix { title: string; edits: TextEdit[]; preferred?: boolean }

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  span: Span;
  arches: Arch[];
  message: string;
  function: string;
  related: Related[];
  fixes: Fix[];
  /**
   * For a finding reported at a call because the event is in an inlined helper: where that event is, and the helpers
   * from the reporting function down to it. A finding about the same event that a function of that chain reports
   * stands for it (check.ts `reportedInside`), and a suppression at the event silences it.
   */
  at?: { file: string; span: Span; chain: string[] };
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };
