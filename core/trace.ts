/**
 * Traceability for `designgate trace`: for every story, the chain story → context → design → code
 * → test with each link's state. A story reaches a context when the architecture lists it under that
 * context's `stories`, and a design when the design lists it under its own `stories`; a design that
 * serves a story from a context that does not declare it is still shown, marked as not declared, so
 * the gap is visible. A test link is `untested` when the test file is missing or a scenario of the
 * design has no test named after it. Returns data; the CLI formats it (text, JSON, Markdown, Mermaid).
 */
import type { ConfigGroup, Workspace } from './workspace.js';
import type { ReadText } from './structure.js';
import { compileMapping } from './mapping.js';
import { compileGlobs } from './glob.js';
import { tryReadFrontmatter } from './frontmatter.js';
import { designState } from './design-state.js';
import { readStory, storyFiles, type Story } from './stories/reader.js';
import { readArchitecture, type Architecture } from './architecture/reader.js';
import { componentId, designRoot } from './architecture/components.js';
import { designContext, findSuspects } from './architecture/suspect.js';
import { DEFAULT_ARCHITECTURE } from './architecture/gate1.js';
import { scenarioGaps } from './alignment/check.js';
import type { Scenario } from './alignment/scenarios.js';

/**
 * A design's state: the derived one (draft, approved, stale, invalid), or the verified one the
 * caller hands in (approved-unsigned, unverified, …); `suspect` when approved against an earlier
 * entry of its context.
 */
export type DesignLinkState = string;

export interface TraceDesign {
  /** The component id (`sessions/orchestrator`). */
  component: string;
  /** Repository-relative paths. */
  design: string;
  state: DesignLinkState;
  code: { path: string; state: 'present' | 'missing' };
  /** `untested`: the test file is missing, or a scenario of the design has no test named after it (listed). */
  test: { path: string; state: 'present' | 'untested'; scenariosWithoutTest?: Scenario[] };
}

export interface TraceContext {
  /** Undefined: the designs that lie in no context of the architecture (or there is none). */
  name?: string;
  /** The architecture's state for a named context; `missing` for designs outside every context. */
  state: 'approved' | 'draft' | 'stale' | 'missing';
  /** Whether the architecture lists the story under this context. */
  declared: boolean;
  /** The designs of this context that list the story; empty: the design link is missing. */
  designs: TraceDesign[];
}

export interface TraceStory {
  id: string;
  title: string;
  /** Repository-relative path. */
  file: string;
  /** Empty: no context serves the story and no design lists it. */
  contexts: TraceContext[];
}

export interface Trace {
  stories: TraceStory[];
}

export interface TraceOptions {
  /** Verified approval states by design path (from the approval gate); without one a design shows its derived state. */
  approvals?: ReadonlyMap<string, string>;
}

interface DesignFacts extends TraceDesign {
  stories: string[];
  context: string | undefined;
}

/** Natural order of ids: US-2 before US-10. */
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'en', { numeric: true });

/**
 * The trace of one config group.
 * @example (await traceGroup(group, read)).stories[0]?.contexts[0]?.designs[0]?.state // 'approved'
 */
export async function traceGroup(group: ConfigGroup, read: ReadText, options: TraceOptions = {}): Promise<Trace> {
  const { config, prefix, files } = group;
  const ignored = compileGlobs(config.ignore);
  const visible = files.filter((f) => !ignored(f));
  const present = new Set(files);

  const stories: Story[] = [];
  for (const local of storyFiles(config.stories, visible)) {
    const text = await read(prefix + local);
    const story = text === undefined ? undefined : readStory(text, prefix + local, 'warning').story;
    if (story !== undefined && !stories.some((s) => s.id === story.id)) stories.push(story);
  }
  stories.sort(byId);

  const archLocal = config.architecture ?? DEFAULT_ARCHITECTURE;
  let architecture: Architecture | undefined;
  if (present.has(archLocal)) {
    const text = await read(prefix + archLocal);
    if (text !== undefined) architecture = readArchitecture(text, prefix + archLocal, 'warning').architecture;
  }
  const suspects = new Set((await findSuspects(group, read, { architecture })).map((s) => s.design));

  const mapping = compileMapping(config.components);
  const root = designRoot(config.components);
  const designs: DesignFacts[] = [];
  for (const local of visible) {
    if (local === archLocal) continue;
    const triple = mapping.fromDesign(local);
    if (triple === undefined) continue;
    const path = prefix + local;
    const text = await read(path);
    if (text === undefined) continue;
    const doc = tryReadFrontmatter(text, path);
    const listed = doc.ok ? doc.doc.data['stories'] : undefined;
    let state: DesignLinkState = options.approvals?.get(path) ?? designState(path, text).state;
    if ((state === 'approved' || state === 'approved-unsigned') && suspects.has(path)) state = 'suspect';
    designs.push({
      component: componentId(triple.design, root),
      design: path,
      state,
      code: { path: prefix + triple.code, state: present.has(triple.code) ? 'present' : 'missing' },
      test: await testLink(prefix + triple.test, present.has(triple.test), text, config.gates.alignment !== 'off', read),
      stories: Array.isArray(listed) ? listed.filter((s): s is string => typeof s === 'string') : [],
      context: architecture === undefined ? undefined : designContext(architecture, mapping, local)?.name,
    });
  }
  designs.sort((a, b) => a.design.localeCompare(b.design));

  return {
    stories: stories.map((story) => {
      const serving = architecture?.contexts.filter((c) => c.stories.includes(story.id)).map((c) => c.name) ?? [];
      const serves = designs.filter((d) => d.stories.includes(story.id));
      const names = [...serving, ...serves.map((d) => d.context).filter((n): n is string => n !== undefined && !serving.includes(n))];
      const contexts: TraceContext[] = [...new Set(names)].map((name) => ({
        name,
        state: architecture?.state ?? 'missing',
        declared: serving.includes(name),
        designs: serves.filter((d) => d.context === name).map(strip),
      }));
      const outside = serves.filter((d) => d.context === undefined);
      if (outside.length > 0) contexts.push({ state: 'missing', declared: false, designs: outside.map(strip) });
      return { id: story.id, title: story.title, file: story.file, contexts };
    }),
  };
}

/**
 * The trace of every config group of a workspace, stories in group order.
 * @example (await traceWorkspace(ws, read)).stories.map((s) => s.id) // ['US-1', 'US-2']
 */
export async function traceWorkspace(ws: Workspace, read: ReadText, options: TraceOptions = {}): Promise<Trace> {
  const stories: TraceStory[] = [];
  for (const group of ws.groups) stories.push(...(await traceGroup(group, read, options)).stories);
  return { stories };
}

/**
 * The test link: `untested` when the file is missing or, with the alignment gate on, when a
 * scenario of the design has no test named after it (core/alignment).
 */
async function testLink(path: string, exists: boolean, designText: string, align: boolean, read: ReadText): Promise<TraceDesign['test']> {
  if (!exists) return { path, state: 'untested' };
  const testText = align ? await read(path) : undefined;
  const gaps = testText === undefined ? undefined : scenarioGaps(designText, path, testText);
  if (gaps === undefined || gaps.length === 0) return { path, state: 'present' };
  return { path, state: 'untested', scenariosWithoutTest: gaps };
}

function strip(d: DesignFacts): TraceDesign {
  return { component: d.component, design: d.design, state: d.state, code: d.code, test: d.test };
}
