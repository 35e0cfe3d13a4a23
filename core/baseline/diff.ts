/**
 * Comparing two baselines, and what `designgate adopt` makes of the repository: the baseline is
 * exactly the code files that have no design now, so re-running it drops the entries whose design
 * was written or whose file is gone, and adds the new design-less files (the human's act).
 */
import type { ComponentStatus } from '../structure.js';

export interface BaselineDiff {
  /** Entries of `after` that `before` lacks, sorted. */
  added: string[];
  /** Entries of `before` that `after` lacks, sorted. */
  removed: string[];
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** @example diffBaselines(['a.ts', 'b.ts'], ['b.ts', 'c.ts']) // { added: ['c.ts'], removed: ['a.ts'] } */
export function diffBaselines(before: readonly string[], after: readonly string[]): BaselineDiff {
  const was = new Set(before);
  const now = new Set(after);
  return { added: [...now].filter((f) => !was.has(f)).sort(byCodeUnit), removed: [...was].filter((f) => !now.has(f)).sort(byCodeUnit) };
}

export interface AdoptionPlan extends BaselineDiff {
  /** The new baseline's entries, sorted. */
  files: string[];
}

/**
 * The baseline `adopt` writes: every existing code file whose design is missing, against the
 * current entries.
 * @example planAdoption(['gone.ts'], components).files // ['src/old.ts']
 */
export function planAdoption(current: readonly string[], components: readonly ComponentStatus[]): AdoptionPlan {
  const files = [...new Set(components.filter((c) => c.codeExists && c.state.state === 'missing').map((c) => c.code))].sort(byCodeUnit);
  return { files, ...diffBaselines(current, files) };
}
