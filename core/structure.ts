/**
 * The structural gate and the data behind `status`: every component of every config with its three
 * files and its design state, plus the problems (missing design or test, orphans, unreadable
 * designs, unknown types). Code files of the adoption baseline (.designgate/baseline.json, as the
 * reader has it) without a design need neither design nor test; an entry that exempts nothing any
 * more is a `baseline-stale-entry` warning. Returns data; never prints.
 */
import { basename } from 'node:path';
import type { Problem } from './problem.js';
import { sortProblems } from './problem.js';
import { buildInventory } from './inventory.js';
import { designState, type DesignStateResult } from './design-state.js';
import { toRepoPath, type ConfigGroup, type Workspace } from './workspace.js';
import type { DesignConfig } from './config/types.js';
import { structureMessages } from './messages/structure.js';
import { inScope } from './path-scope.js';
import { BASELINE_FILE, parseBaseline } from './baseline/format.js';
import { baselineMessages } from './messages/baseline.js';
import { lineOf, lineStarts } from './text-position.js';

export interface ComponentStatus {
  /** Repository-relative paths. */
  code: string;
  design: string;
  test: string;
  codeExists: boolean;
  testExists: boolean;
  /** The design's derived state (missing, draft, approved, stale, invalid). */
  state: DesignStateResult;
  /** The code file is in the adoption baseline and has no design: it needs neither design nor test yet. */
  baselined: boolean;
}

/** Reads a repository-relative file's text, or undefined when it does not exist. */
export type ReadText = (repoPath: string) => Promise<string | undefined>;

export interface StructureResult {
  components: ComponentStatus[];
  problems: Problem[];
  /** The adoption baseline's entries (.designgate/baseline.json), all of them, whatever the paths scope. */
  baseline: string[];
}

/**
 * @example await checkStructure(ws, read) // { components: [...], problems: [{ ruleId: 'missing-test', … }] }
 */
export async function checkStructure(ws: Workspace, read: ReadText, options: { paths?: readonly string[] } = {}): Promise<StructureResult> {
  const components: ComponentStatus[] = [];
  const problems: Problem[] = [];
  // Read only when the repository has one, so a repository without a baseline reads designs only.
  const listed = ws.ungoverned.includes(BASELINE_FILE) || ws.groups.some((g) => g.prefix === '' && g.files.includes(BASELINE_FILE));
  const baselineText = listed ? await read(BASELINE_FILE) : undefined;
  // Malformed: a CONFIG error with every cause located (exit 2), as for a broken .designrc.json.
  const baseline = baselineText === undefined ? [] : parseBaseline(baselineText).files;
  const baselined = new Set(baseline);
  for (const group of ws.groups) {
    const { config } = group;
    const atRoot = rebased(group);
    const inventory = buildInventory(atRoot.config, atRoot.files, { completeness: config.gates.completeness });
    const touched = new Set<string>();
    for (const c of inventory.components) {
      const paths = [c.triple.code, c.triple.design, c.triple.test];
      if (!paths.some((p) => inScope(p, options.paths))) continue;
      for (const p of paths) touched.add(p);
      const [code, design, test] = paths as [string, string, string];
      const text = c.designExists ? await read(design) : undefined;
      const state = designState(design, text);
      components.push({ code, design, test, codeExists: c.codeExists, testExists: c.testExists, state, baselined: c.codeExists && !c.designExists && baselined.has(code) });
      if (state.state === 'invalid') {
        for (const cause of state.causes ?? []) {
          problems.push({
            file: design,
            ...(cause.line === undefined ? {} : { line: cause.line }),
            ...(cause.column === undefined ? {} : { column: cause.column }),
            ruleId: 'design-unreadable',
            severity: 'error',
            message: cause.message,
            fix: structureMessages.unreadableFix(design),
          });
        }
      } else if (state.type !== undefined && config.types[state.type] === undefined) {
        problems.push({
          file: design,
          ruleId: 'unknown-type',
          severity: 'error',
          message: structureMessages.unknownType(state.type, Object.keys(config.types)),
          fix: structureMessages.unknownTypeFix(toRepoPath(group, basename(config.file))),
        });
      }
    }
    for (const p of inventory.problems) {
      if (options.paths !== undefined && !touched.has(p.file) && !inScope(p.file, options.paths)) continue;
      if ((p.ruleId === 'missing-design' || p.ruleId === 'missing-test') && baselined.has(p.file)) continue;
      problems.push(p);
    }
  }
  problems.push(...staleEntries(baseline, baselineText ?? '', components, options.paths));
  // Code-unit order, not localeCompare: the same in every locale, like git's and the inventory's.
  components.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { components, problems: sortProblems(problems), baseline };
}

/**
 * Warnings for baseline entries that exempt nothing any more: the design was written, or the file
 * is no longer a code file. `designgate adopt` removes them; each is located at its line.
 */
function staleEntries(baseline: readonly string[], text: string, components: readonly ComponentStatus[], paths: readonly string[] | undefined): Problem[] {
  const byCode = new Map(components.filter((c) => c.codeExists).map((c) => [c.code, c]));
  const starts = lineStarts(text);
  const out: Problem[] = [];
  for (const entry of baseline) {
    if (!inScope(entry, paths)) continue;
    const c = byCode.get(entry);
    if (c !== undefined && c.state.state === 'missing') continue;
    const at = text.indexOf(JSON.stringify(entry));
    out.push({
      file: BASELINE_FILE,
      ...(at < 0 ? {} : { line: lineOf(starts, at) + 1 }),
      ruleId: 'baseline-stale-entry',
      severity: 'warning',
      message: c === undefined ? baselineMessages.staleGone(entry) : baselineMessages.staleDesign(entry, c.design),
      fix: baselineMessages.staleFix,
    });
  }
  return out;
}

/**
 * The group's rules, ignore globs and files moved from its config folder to the repository root, so
 * the inventory's paths, messages and fixes are all right from the root: in a monorepo the fix says
 * `create packages/b/tests/x_test.py`, not `create tests/x_test.py`.
 */
function rebased(group: ConfigGroup): { config: Pick<DesignConfig, 'components' | 'ignore'>; files: readonly string[] } {
  if (group.prefix === '') return { config: group.config, files: group.files };
  const at = (path: string) => toRepoPath(group, path);
  return {
    config: {
      components: group.config.components.map((r) => ({ ...r, code: at(r.code), design: at(r.design), test: at(r.test) })),
      ignore: group.config.ignore.map((g) => rebaseGlob(g, group.prefix)),
    },
    files: group.files.map(at),
  };
}

/** A gitignore-style glob of core/glob, relative to its config folder, rewritten relative to the root. */
function rebaseGlob(glob: string, prefix: string): string {
  const negated = glob.startsWith('!');
  let body = negated ? glob.slice(1) : glob;
  if (body.startsWith('./')) body = body.slice(2);
  const anchored = body.startsWith('/');
  if (anchored) body = body.slice(1);
  const folder = body.replace(/\/+$/, '');
  if (folder === '') return glob; // compileGlobs refuses it, as it would have before
  // No inner slash means "at any depth" below the config folder; anchored or inner means "from it".
  const anyDepth = !anchored && !folder.includes('/');
  return `${negated ? '!' : ''}/${prefix}${anyDepth ? '**/' : ''}${body}`;
}
