/**
 * A gate finding. Checks return `Problem[]` and never print; formatters in `cli/format/` turn them
 * into text, JSON, GitHub annotations or SARIF.
 */
import type { Cause } from './errors.js';

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

/**
 * The first of each problem that repeats another's file, rule and message (compared as `message`
 * returns it, so a caller can leave out what varies, such as the commit it was found in), in order.
 * @example uniqueProblems([a, a, b]) // [a, b]
 */
export function uniqueProblems(problems: readonly Problem[], message: (p: Problem) => string = (p) => p.message): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\0${p.ruleId}\0${message(p)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Orders strings by UTF-16 code unit: the same in every locale, and free of ICU's collator, whose
 * first `localeCompare` costs milliseconds on the hook path.
 * @example ['b', 'B', 'a'].sort(byCodeUnit) // ['B', 'a', 'b']
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Located causes of an error (an unreadable frontmatter, say) as problems of one rule.
 * @example problemsFromCauses(error.causes, { file, ruleId: 'story-shape', severity: 'error', fix: error.fix })
 */
export function problemsFromCauses(
  causes: readonly Cause[],
  at: { file: string; ruleId: string; severity: Severity; fix?: string | undefined },
): Problem[] {
  return causes.map((c) => ({
    file: at.file,
    ...(c.line === undefined ? {} : { line: c.line }),
    ...(c.column === undefined ? {} : { column: c.column }),
    ruleId: at.ruleId,
    severity: at.severity,
    message: c.message,
    ...(at.fix === undefined ? {} : { fix: at.fix }),
  }));
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
