/**
 * The data of `designgate report`: where a repository stands, in one value the HTML page and
 * `--json` both show. Components come with the state the gates derive (`runLocalGates`: the
 * verified approval state, never the `status` field), their context (the architecture's owner of
 * their code path), their stories and their `depends_on`; the architecture gives the contexts and
 * the dependencies they allow; a dependency into a context its own may not use is flagged
 * forbidden. Problems come with their fixes. Returns data; never prints.
 */
import { basename } from 'node:path';
import type { Workspace, ConfigGroup } from './workspace.js';
import type { Problem } from './problem.js';
import type { ReadText } from './structure.js';
import { runLocalGates } from './local-gates.js';
import { runGit } from './git/cli.js';
import { compileMapping } from './mapping.js';
import { compileGlobs } from './glob.js';
import { tryReadFrontmatter } from './frontmatter.js';
import { readArchitecture, type Architecture } from './architecture/reader.js';
import { allowedFrom } from './architecture/rules.js';
import { componentId, designRoot } from './architecture/components.js';
import { designContext, findSuspects } from './architecture/suspect.js';
import { DEFAULT_ARCHITECTURE } from './architecture/gate1.js';
import { readStory, storyFiles } from './stories/reader.js';
import { reportMessages as m } from './messages/report.js';
import { BASELINE_FILE } from './baseline/format.js';

/** What the graph colours a component by: its design's state first, then suspect, then a missing test. */
export type ComponentState = 'missing' | 'invalid' | 'draft' | 'unverified' | 'stale' | 'suspect' | 'untested' | 'approved';

/** In the order the page lists them: what needs attention first. */
export const COMPONENT_STATES: readonly ComponentState[] = ['missing', 'invalid', 'draft', 'unverified', 'stale', 'suspect', 'untested', 'approved'];

export interface ReportComponent {
  /** The id `depends_on` uses (`core/errors`), prefixed by the config's folder in a monorepo. */
  id: string;
  /** Repository-relative paths. */
  code: string;
  design: string;
  test: string;
  codeExists: boolean;
  testExists: boolean;
  /** The design state as `status` shows it (approved-unsigned and unverified included). */
  designState: string;
  state: ComponentState;
  suspect: boolean;
  /** The owning context's id, absent when no context (or more than one) owns the code path. */
  context?: string;
  type?: string;
  /** Story ids from the design's frontmatter. */
  stories: string[];
  /** Component ids from the design's `depends_on`, as written. */
  dependsOn: string[];
  /** Lower-cased emails of the approvers whose approval verified. */
  approvers: string[];
}

export interface ReportContext {
  /** The context's name, prefixed by the config's folder in a monorepo (`packages/a/core`). */
  id: string;
  name: string;
  purpose?: string;
  owns: string[];
  /** Context ids it may depend on. */
  dependsOn: string[];
  stories: string[];
}

export interface ReportEdge {
  from: string;
  to: string;
  /** `allowed`: context → context, declared by the architecture; `actual`: component → component, from depends_on. */
  kind: 'allowed' | 'actual';
  /** An actual dependency into a context its own context may not use. */
  forbidden: boolean;
}

export interface ReportStory {
  id: string;
  title?: string;
  /** Repository-relative; absent when a design names a story that has no file. */
  file?: string;
}

export interface ReportApprover {
  name: string;
  email: string;
  keys: number;
  /** Globs of designs they may approve (`**` unless the config narrows it). */
  paths: string[];
  /** Repository-relative path of the config that registers them. */
  config: string;
  /** How many components' approvals of theirs verified. */
  approved: number;
}

export interface ReportData {
  repository: string;
  head?: string;
  generatedAt: string;
  counts: Record<ComponentState, number>;
  contexts: ReportContext[];
  components: ReportComponent[];
  edges: ReportEdge[];
  stories: ReportStory[];
  problems: Problem[];
  approvers: ReportApprover[];
  notes: string[];
  /** The adoption baseline: its file and how many code files it exempts (the issue asks to show its size). */
  baseline: { file: string; size: number };
}

export interface ReportOptions {
  env: NodeJS.ProcessEnv;
  now: Date;
  /** The user's cache folder for the approval evidence cache's key. */
  cacheKeyDir?: string;
}

/**
 * Gathers the report of the whole work tree.
 * @example const data = await gatherReport(ws, workTreeReader(ws.repoRoot), { env, now: new Date() }); data.counts.approved // 12
 */
export async function gatherReport(ws: Workspace, read: ReadText, options: ReportOptions): Promise<ReportData> {
  const gates = await runLocalGates(ws, read, {
    env: options.env,
    now: options.now,
    architecture: true,
    ...(options.cacheKeyDir === undefined ? {} : { cacheKeyDir: options.cacheKeyDir }),
  });
  const statuses = new Map(gates.components.map((c) => [c.design, c]));
  const contexts: ReportContext[] = [];
  const components: ReportComponent[] = [];
  const edges: ReportEdge[] = [];
  const stories = new Map<string, ReportStory>();
  const approvers: ReportApprover[] = [];
  const notes: string[] = [];

  for (const group of ws.groups) {
    const { config, prefix } = group;
    const configFile = `${prefix}.designrc.json`;
    if (!config.signedApprovals) notes.push(m.unsignedApprovals(configFile));
    const architecture = await groupArchitecture(group, read);
    if (architecture === undefined) notes.push(m.noArchitecture(configFile, prefix + (config.architecture ?? DEFAULT_ARCHITECTURE)));
    else if (architecture.state !== 'approved') notes.push(m.architectureState(architecture.file, architecture.state));
    const contextId = (name: string) => prefix + name;
    for (const c of architecture?.contexts ?? []) {
      contexts.push({
        id: contextId(c.name),
        name: c.name,
        ...(c.purpose === undefined ? {} : { purpose: c.purpose }),
        owns: c.owns.map((o) => prefix + o),
        dependsOn: c.dependsOn.map(contextId),
        stories: c.stories,
      });
      for (const to of c.dependsOn) edges.push({ from: contextId(c.name), to: contextId(to), kind: 'allowed', forbidden: false });
    }

    for (const file of storyFiles(config.stories, visibleFiles(group))) {
      const repoPath = prefix + file;
      const text = await read(repoPath);
      if (text === undefined) continue;
      const story = readStory(text, repoPath, 'warning').story;
      if (story !== undefined && !stories.has(story.id)) stories.set(story.id, { id: story.id, title: story.title, file: repoPath });
    }

    const suspects = new Set((await findSuspects(group, read, { architecture })).map((s) => s.design));
    // A scenario without a test (the alignment gate, when on) leaves an approved component untested, as in trace.
    const scenarioGaps = new Set(gates.problems.filter((p) => p.ruleId === 'scenario-without-test').map((p) => p.file));
    const mapping = compileMapping(config.components);
    const root = designRoot(config.components);
    const local: ReportComponent[] = [];
    for (const design of [...statuses.keys()].filter((d) => ownerOf(ws, d) === group).sort()) {
      const status = statuses.get(design)!;
      const designLocal = design.slice(prefix.length);
      const verdict = gates.approvals.get(design);
      const designState = verdict === undefined || status.state.state === 'missing' ? status.state.state : verdict.state;
      const front = status.state.state === 'missing' ? undefined : await frontmatterLists(design, read);
      const context = architecture === undefined ? undefined : designContext(architecture, mapping, designLocal);
      const suspect = suspects.has(design);
      const component: ReportComponent = {
        id: prefix + componentId(designLocal, root),
        code: status.code,
        design,
        test: status.test,
        codeExists: status.codeExists,
        testExists: status.testExists,
        designState,
        state: componentState(designState, suspect, status.testExists && !scenarioGaps.has(design)),
        suspect,
        ...(context === undefined ? {} : { context: contextId(context.name) }),
        ...(status.state.type === undefined ? {} : { type: status.state.type }),
        stories: front?.stories ?? [],
        dependsOn: front?.dependsOn ?? [],
        approvers: verdict?.approvers ?? [],
      };
      local.push(component);
    }

    const byId = new Map(local.map((c) => [c.id, c]));
    for (const c of local) {
      for (const dep of c.dependsOn) {
        const target = byId.get(prefix + dep);
        if (target === undefined || target.id === c.id) continue;
        const forbidden =
          architecture !== undefined &&
          c.context !== undefined &&
          target.context !== undefined &&
          c.context !== target.context &&
          !allowedFrom(architecture, c.context.slice(prefix.length)).includes(target.context.slice(prefix.length));
        edges.push({ from: c.id, to: target.id, kind: 'actual', forbidden });
      }
    }
    components.push(...local);

    for (const a of config.approvers) {
      const email = a.email.toLowerCase();
      approvers.push({
        name: a.name,
        email: a.email,
        keys: a.keys.length,
        paths: a.paths,
        config: configFile,
        approved: local.filter((c) => c.approvers.includes(email)).length,
      });
    }
  }

  for (const c of components) for (const id of c.stories) if (!stories.has(id)) stories.set(id, { id });
  const counts = Object.fromEntries(COMPONENT_STATES.map((s) => [s, 0])) as Record<ComponentState, number>;
  for (const c of components) counts[c.state]++;
  const head = await headCommit(ws.repoRoot, options.env);
  return {
    repository: basename(ws.repoRoot),
    ...(head === undefined ? {} : { head }),
    generatedAt: options.now.toISOString(),
    counts,
    contexts,
    components,
    edges,
    stories: [...stories.values()].sort((a, b) => compareIds(a.id, b.id)),
    problems: gates.problems,
    approvers,
    notes,
    baseline: { file: BASELINE_FILE, size: gates.baseline.length },
  };
}

/**
 * The state the graph shows: the design's own state, unless it is approved; then suspect (its
 * context changed), then untested (no test file, or a scenario without a test), then approved.
 * @example componentState('approved-unsigned', false, false) // 'untested'
 */
export function componentState(designState: string, suspect: boolean, testExists: boolean): ComponentState {
  switch (designState) {
    case 'missing':
    case 'invalid':
    case 'draft':
    case 'unverified':
    case 'stale':
      return designState;
    case 'approved':
    case 'approved-unsigned':
      return suspect ? 'suspect' : testExists ? 'approved' : 'untested';
    default:
      return 'draft';
  }
}

/** The group governing a repository path: the nearest config above it, i.e. the longest prefix. */
function ownerOf(ws: Workspace, repoPath: string): ConfigGroup | undefined {
  let best: ConfigGroup | undefined;
  for (const g of ws.groups) if (repoPath.startsWith(g.prefix) && (best === undefined || g.prefix.length > best.prefix.length)) best = g;
  return best;
}

function visibleFiles(group: ConfigGroup): string[] {
  const ignored = compileGlobs(group.config.ignore);
  return group.files.filter((f) => !ignored(f));
}

async function groupArchitecture(group: ConfigGroup, read: ReadText): Promise<Architecture | undefined> {
  const local = group.config.architecture ?? DEFAULT_ARCHITECTURE;
  if (!group.files.includes(local)) return undefined;
  const text = await read(group.prefix + local);
  // Its problems are Gate 1's to report (runLocalGates did); here only the contexts matter.
  return text === undefined ? undefined : readArchitecture(text, group.prefix + local, 'warning').architecture;
}

/** `stories` and `depends_on` of a design, each kept only as the strings it holds. */
async function frontmatterLists(design: string, read: ReadText): Promise<{ stories: string[]; dependsOn: string[] } | undefined> {
  const text = await read(design);
  if (text === undefined) return undefined;
  const doc = tryReadFrontmatter(text, design);
  if (!doc.ok) return undefined;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return { stories: strings(doc.doc.data['stories']), dependsOn: strings(doc.doc.data['depends_on']) };
}

async function headCommit(repoRoot: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const result = await runGit({ cwd: repoRoot, env }, ['rev-parse', '--short=12', '--verify', '--quiet', 'HEAD']);
  const oid = result.stdout.toString('utf8').trim();
  return result.code === 0 && oid !== '' ? oid : undefined;
}

/** `US-2` before `US-10`: numbers inside ids compare as numbers. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
