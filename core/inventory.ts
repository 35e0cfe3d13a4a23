/**
 * The repository's components under the 1:1:1 convention: from the config and a file list, every
 * component that has at least one of its three files, plus the structural problems (missing design
 * or test, orphans, rule conflicts). Pure: it reads no disk and no git, so `status`, `check` and
 * `verify` can feed it the working tree, the index or a commit's tree alike.
 */
import type { DesignConfig, GateLevel } from './config/types.js';
import { compileGlobs } from './glob.js';
import { compileMapping, type CompiledMapping, type Role, type Triple } from './mapping.js';
import { mappingMessages as m } from './messages/mapping.js';
import { sortProblems, type Problem, type Severity } from './problem.js';

export type DesignPresence = 'missing' | 'present';

export interface Component {
  triple: Triple;
  /** The file is in the list, not ignored, and the mapping gives it this component in this role. */
  codeExists: boolean;
  designExists: boolean;
  testExists: boolean;
}

export interface Inventory {
  components: Component[];
  problems: Problem[];
}

export interface InventoryOptions {
  /** The completeness gate: `warn` turns missing-design, missing-test and orphan-test into warnings, `off` drops them. */
  completeness?: GateLevel;
}

/** Why a component's own path cannot hold its file: ignored, or another rule or role takes it. */
type Counterpart = { kind: 'ok' } | { kind: 'ignored' } | { kind: 'claimed'; role: Role; owner: Triple };

const OK: Counterpart = { kind: 'ok' };

function counterpart(mapping: CompiledMapping, ignored: (f: string) => boolean, t: Triple, role: Role): Counterpart {
  const path = t[role];
  if (ignored(path)) return { kind: 'ignored' };
  // The path matches this rule's own template, so there is always some owner.
  const hit = mapping.owner(path)!;
  if (hit.role === role && hit.rule === t.rule) return OK;
  return { kind: 'claimed', role: hit.role, owner: mapping.classify(path)!.triple };
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the inventory from the config and the files (relative to `config.root`, forward slashes).
 * Ignored files are skipped entirely. A design without code is not a problem: in design-first
 * work the design is approved before its code exists. Problems carry `file`, `ruleId`, `severity`,
 * `message` and `fix`; components are sorted by code path, problems by `sortProblems`.
 * @example buildInventory(config, ['lib/my_app/a.ex']).problems // [missing-design, missing-test]
 */
export function buildInventory(
  config: Pick<DesignConfig, 'components' | 'ignore'>,
  files: readonly string[],
  options: InventoryOptions = {},
): Inventory {
  const mapping = compileMapping(config.components);
  const ignored = compileGlobs(config.ignore);
  const completeness = options.completeness ?? 'error';
  // One map per rule, keyed by the {path} value.
  const byRule = config.components.map(() => new Map<string, Component>());

  for (const file of new Set(files)) {
    if (ignored(file)) continue;
    const hit = mapping.owner(file);
    if (hit === undefined) continue;
    const map = byRule[hit.rule]!;
    let c = map.get(hit.path);
    if (c === undefined) {
      // The triple is built once per component, not once per file.
      c = { triple: mapping.classify(file)!.triple, codeExists: false, designExists: false, testExists: false };
      map.set(hit.path, c);
    }
    if (hit.role === 'code') c.codeExists = true;
    else if (hit.role === 'design') c.designExists = true;
    else c.testExists = true;
  }
  const all = byRule.flatMap((map) => [...map.values()]);

  const problems: Problem[] = [];
  const severity: Severity = completeness === 'warn' ? 'warning' : 'error';
  const add = (file: string, ruleId: string, message: string, fix: string, level: Severity | 'gated') => {
    if (level === 'gated' && completeness === 'off') return;
    problems.push({ file, ruleId, severity: level === 'gated' ? severity : level, message, fix });
  };

  for (const c of all) {
    const t = c.triple;
    if (c.codeExists) {
      for (const role of ['design', 'test'] as const) {
        // A present counterpart was already found unignored and owned by this component.
        if (role === 'design' ? c.designExists : c.testExists) continue;
        const where = counterpart(mapping, ignored, t, role);
        if (where.kind === 'ignored') add(t.code, 'mapping-conflict', m.conflictIgnored(t, role), m.conflictIgnoredFix(t, role), 'error');
        else if (where.kind === 'claimed') {
          add(t.code, 'mapping-conflict', m.conflict(t, role, where.owner.rule, where.role, where.owner), m.conflictFix(t, where.owner.rule), 'error');
        } else {
          if (role === 'design') add(t.code, 'missing-design', m.missingDesign(t), m.missingDesignFix(t), 'gated');
          else add(t.code, 'missing-test', m.missingTest(t), m.missingTestFix(t), 'gated');
        }
      }
      continue;
    }
    const code = counterpart(mapping, ignored, t, 'code');
    for (const role of ['design', 'test'] as const) {
      if (!(role === 'design' ? c.designExists : c.testExists)) continue;
      // Every design maps back to code: one whose code path can never be its code is an error
      // whatever the completeness gate says.
      const level = role === 'design' ? 'error' : 'gated';
      const ruleId = `orphan-${role}`;
      if (code.kind === 'ignored') add(t[role], ruleId, m.orphanIgnored(t, role), m.orphanIgnoredFix(t, role), level);
      else if (code.kind === 'claimed') {
        add(t[role], ruleId, m.orphanClaimed(t, role, code.owner.rule, code.role, code.owner), m.orphanClaimedFix(t, role, code.role, code.owner), level);
      }
    }
    // A test needs a reason to exist: its code, or at least the design it was written from.
    if (code.kind === 'ok' && c.testExists && !c.designExists) add(t.test, 'orphan-test', m.orphanTest(t), m.orphanTestFix(t), 'gated');
  }

  const components = all.sort((a, b) => byPath(a.triple.code, b.triple.code) || a.triple.rule - b.triple.rule);
  return { components, problems: sortProblems(problems) };
}
