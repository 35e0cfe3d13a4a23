/**
 * Gate 1, boundary drift and suspect designs for a change (the staged set at commit, the files a
 * range changed at its head in verify), where `check` runs them over the whole work tree. Only what
 * the change touches is judged, so the cost follows the change; an architecture change touches every
 * design of its config, so then Gate 1 and the suspect check cover the config. The checks themselves
 * are core/architecture and core/boundaries, loaded only for configs with `gates.architecture` on.
 * Which architecture judges (the index's at commit; in verify the base's unless the head's approval
 * verified) is the caller's `judgeWith`. Returns data; never prints.
 */
import { sortProblems, type Problem } from '../problem.js';
import type { ConfigGroup } from '../workspace.js';
import type { ApprovalVerdict } from '../approval/check.js';
import { classifyIn, type Governing, type Locate, type ReadBlob } from './governing.js';
import type { SnapshotChange } from './snapshot.js';

/** The architecture text that judges a config's designs and imports, given the snapshot's own. */
export type JudgeWith = (archPath: string, current: string | undefined) => Promise<string | undefined>;

export interface ArchitectureGateOptions {
  /** What the change does: the staged changes, or every change of a range. */
  changes: readonly SnapshotChange[];
  /** Reads a repository path of the snapshot (the index, or the range's head). */
  read: ReadBlob;
  /** The trusted configs (see governing.ts). */
  locate: Locate;
  /** Every repository path of the snapshot; read once, only when some config has the gate on. */
  list: () => Promise<string[]>;
  /** Default: the snapshot's own architecture judges. */
  judgeWith?: JudgeWith;
}

/** Gate 1's findings about designs; the rest are about the architecture and the stories. */
const DESIGN_RULES: ReadonlySet<string> = new Set(['design-outside-architecture', 'design-in-two-contexts', 'forbidden-dependency']);

/**
 * @example await checkArchitectureGates({ changes: await git.stagedChanges(), read: (p) => git.readStaged(p), locate, list: () => git.listFiles() })
 *   // [{ file: 'src/web/page.ts', line: 2, ruleId: 'forbidden-import', … }]
 */
export async function checkArchitectureGates(options: ArchitectureGateOptions): Promise<Problem[]> {
  const touched = new Map<Governing, Set<string>>();
  for (const change of options.changes) {
    for (const path of change.oldPath === undefined ? [change.path] : [change.path, change.oldPath]) {
      const g = await options.locate(path);
      if (g === undefined || g.config.gates.architecture === 'off') continue;
      let paths = touched.get(g);
      if (paths === undefined) touched.set(g, (paths = new Set()));
      paths.add(path);
    }
  }
  if (touched.size === 0) return [];
  const all = await options.list();
  const problems: Problem[] = [];
  for (const [g, paths] of touched) problems.push(...(await checkConfig(g, paths, all, options)));
  return sortProblems(problems);
}

/** The config-relative files of `g` in the snapshot, without those a deeper config governs. */
function filesOf(g: Governing, all: readonly string[]): string[] {
  const deeper = all
    .filter((f) => f.startsWith(g.prefix) && f !== g.configPath && (f === '.designrc.json' || f.endsWith('/.designrc.json')))
    .map((f) => f.slice(0, -'.designrc.json'.length));
  return all.filter((f) => f.startsWith(g.prefix) && !deeper.some((d) => f.startsWith(d))).map((f) => f.slice(g.prefix.length));
}

async function checkConfig(g: Governing, paths: ReadonlySet<string>, all: readonly string[], options: ArchitectureGateOptions): Promise<Problem[]> {
  const [{ checkGate1, DEFAULT_ARCHITECTURE }, { checkSuspect }] = await Promise.all([import('../architecture/gate1.js'), import('../architecture/suspect.js')]);
  const archLocal = g.config.architecture ?? DEFAULT_ARCHITECTURE;
  const archPath = g.prefix + archLocal;
  const files = filesOf(g, all);
  const readText = async (p: string) => (await options.read(p))?.toString('utf8');
  const current = files.includes(archLocal) ? await readText(archPath) : undefined;
  const judge = options.judgeWith === undefined ? current : await options.judgeWith(archPath, current);
  // The group and reader as Gate 1 expects them, with the architecture file holding `text`.
  const withArchitecture = (text: string | undefined) => ({
    group: { config: g.config, prefix: g.prefix, files: [...files.filter((f) => f !== archLocal), ...(text === undefined ? [] : [archLocal])] } satisfies ConfigGroup,
    read: async (p: string) => (p === archPath ? text : readText(p)),
  });

  const designs = new Set<string>();
  const code = new Set<string>();
  const reliedOn = new Set<string>();
  for (const path of paths) {
    const hit = classifyIn(g, path);
    if (hit?.triple === undefined) continue;
    if (hit.role === 'design') {
      designs.add(path);
      code.add(hit.triple.code); // a design that drops a depends_on its code still imports
    } else {
      reliedOn.add(hit.triple.design);
      if (hit.role === 'code') code.add(path);
    }
  }
  const archChanged = paths.has(archPath);
  const scope = (list: Iterable<string>): { paths?: readonly string[] } => (archChanged ? {} : { paths: [...list] });

  // The snapshot's own architecture: its rules, the stories, and (when it also judges) the designs.
  const own = withArchitecture(current);
  const ownRun = await checkGate1(own.group, own.read, judge === current ? scope(designs) : { paths: [] });
  const problems = ownRun.problems.filter((p) => (DESIGN_RULES.has(p.ruleId) ? judge === current : archChanged || paths.has(p.file)));
  let judging = ownRun.architecture;
  let judged = own;
  if (judge !== current) {
    judged = withArchitecture(judge);
    const trusted = await checkGate1(judged.group, judged.read, scope(designs));
    problems.push(...trusted.problems.filter((p) => DESIGN_RULES.has(p.ruleId)));
    judging = trusted.architecture;
  }

  if (code.size > 0) {
    // Loaded only for a change with code; the TypeScript lexer only when a TS/JS file is read.
    const { checkBoundaries } = await import('../boundaries/drift.js');
    problems.push(...(await checkBoundaries(judged.group, judged.read, { paths: [...code], ...(judging === undefined ? {} : { architecture: judging }) })));
  }
  // The suspect check walks its group's files: hand it only the designs in question, not the repository.
  const present = new Set(files);
  const suspects = archChanged ? files : [...designs, ...reliedOn].map((p) => p.slice(g.prefix.length)).filter((f) => present.has(f));
  if (suspects.length > 0) problems.push(...(await checkSuspect({ ...own.group, files: suspects }, own.read, { architecture: ownRun.architecture })));
  return problems;
}

/**
 * verify's rule: the base's architecture judges when the base has one and the head's differs,
 * unless the head's carries an approval that verified in this run (`verdicts` of the approval check).
 * @example baseUnlessApproved((p) => git.readAt(base, p), approvals.verdicts)
 */
export function baseUnlessApproved(readBase: ReadBlob | undefined, verdicts: ReadonlyMap<string, Pick<ApprovalVerdict, 'state'>>): JudgeWith {
  return async (archPath, current) => {
    if (readBase === undefined) return current;
    const base = (await readBase(archPath))?.toString('utf8');
    if (base === undefined || base === current) return current;
    const state = verdicts.get(archPath)?.state;
    return state === 'approved' || state === 'approved-unsigned' ? current : base;
  };
}
