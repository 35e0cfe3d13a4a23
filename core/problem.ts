/**
 * A gate finding. Checks return `Problem[]` and never print; formatters in `cli/format/` turn them
 * into text, JSON, GitHub annotations or SARIF.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Repository-relative path with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  /** Stable identifier, e.g. `missing-design`, `stale-approval`, `frontmatter-schema`. */
  ruleId: string;
  severity: Severity;
  /** One sentence: what is wrong. */
  message: string;
  /** The command or edit that fixes it. */
  fix?: string;
}

/**
 * By file, line, column and rule id: stable output for humans and diffs. Strings compare by code
 * unit, not `localeCompare`, so the order is the same in every locale (and matches git's).
 */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      byCodeUnit(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      byCodeUnit(a.ruleId, b.ruleId),
  );
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
