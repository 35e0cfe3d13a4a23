/**
 * The adoption baseline's file, `.designgate/baseline.json` at the repository root: the code files
 * that predate adoption and need no design (nor test) until someone writes their design. One per
 * repository, `{ "version": 1, "files": [...] }` with repository-relative paths, sorted and unique,
 * one per line so a change to it reviews as a plain diff. Reading reports every mistake at once, at
 * its line, as one CONFIG error (exit 2); a missing file is an empty baseline.
 */
import { DesignGateError, type Cause } from '../errors.js';
import { issueCause, sourceCause } from '../config/load.js';
import { parseJsonSource } from '../config/json-source.js';
import { describeErrors, loadValidator, readSchema } from '../config/schema-validator.js';
import { baselineMessages as m } from '../messages/baseline.js';
import type { GitAdapter } from '../git/types.js';

/** Where the baseline lives, repository-relative. */
export const BASELINE_FILE = '.designgate/baseline.json';

export interface Baseline {
  version: 1;
  /** Repository-relative code paths, sorted by code unit, unique. */
  files: string[];
}

/** Reads a repository-relative path of some snapshot (work tree, HEAD, the base of a range). */
export type ReadBaselineText = (repoPath: string) => Promise<string | undefined>;

/**
 * Parses baseline text; throws DesignGateError('CONFIG') whose causes are `file:line:col: message`.
 * @example parseBaseline('{ "version": 1, "files": ["src/a.ts"] }').files // ['src/a.ts']
 */
export function parseBaseline(text: string, display: string = BASELINE_FILE): Baseline {
  const source = parseJsonSource(text);
  const causes: Cause[] = source.problems.map((p) => sourceCause(p, display));
  if (source.complete) {
    const validate = loadValidator('baseline');
    if (!validate(source.value)) {
      causes.push(...describeErrors(validate.errors ?? [], readSchema('baseline'), m.patterns).map((issue) => issueCause(issue, source, display)));
    } else {
      const files = (source.value as Baseline).files;
      for (let i = 1; i < files.length; i++) {
        // Sorted so that two people's additions never conflict and a diff reads as a list.
        if (files[i - 1]! > files[i]!) causes.push(issueCause({ path: `/files/${i}`, at: `/files/${i}`, onKey: false, message: m.unsorted(files[i - 1]!) }, source, display));
      }
    }
  }
  if (!source.complete || causes.length > 0) {
    throw new DesignGateError('CONFIG', m.invalid(display), { causes, fix: m.invalidFix(BASELINE_FILE) });
  }
  return { version: 1, files: [...(source.value as Baseline).files] };
}

/**
 * The baseline of a snapshot: empty when it has no baseline file; throws as `parseBaseline` does.
 * @example await readBaseline((p) => git.readAt(base, p).then((b) => b?.toString('utf8')), `${BASELINE_FILE}@${base.slice(0, 12)}`)
 */
export async function readBaseline(read: ReadBaselineText, display: string = BASELINE_FILE): Promise<Baseline> {
  const text = await read(BASELINE_FILE);
  return text === undefined ? { version: 1, files: [] } : parseBaseline(text, display);
}

/**
 * The baseline committed at `rev`; a malformed one throws CONFIG with causes at `file@rev:line`.
 * @example (await baselineAt(git, headOid)).files
 */
export async function baselineAt(git: Pick<GitAdapter, 'readAt'>, rev: string): Promise<Baseline> {
  return readBaseline(async (p) => (await git.readAt(rev, p))?.toString('utf8'), `${BASELINE_FILE}@${rev.slice(0, 12)}`);
}

/**
 * The file's text: sorted, unique, one path per line, a final newline.
 * @example formatBaseline(['b.ts', 'a.ts']) // '{\n  "version": 1,\n  "files": [\n    "a.ts",\n    "b.ts"\n  ]\n}\n'
 */
export function formatBaseline(files: Iterable<string>): string {
  const sorted = [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify({ version: 1, files: sorted }, null, 2)}\n`;
}
