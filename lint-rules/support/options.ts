/**
 * The options every design lint rule receives, and the pure functions that build them from a
 * `.designrc.json` and a file list. Rules never read the disk or the config themselves (an editor
 * runs them on every keystroke): whoever builds the preset (the CLI, or the preset's default export
 * for remark-cli and editors) gathers the facts once and hands them over here.
 */
import { posix } from 'node:path';
import type { ComponentRule, ComponentType, DesignConfig, GateLevel, Gates } from '../../core/config/types.js';
import { compileMapping } from '../../core/mapping.js';
import { compileGlobs } from '../../core/glob.js';
import { tryReadFrontmatter } from '../../core/frontmatter.js';
import { componentId, designRoot } from '../../core/architecture/components.js';

/** The rule ids of this package, without the `designgate:` origin. */
export type RuleId =
  | 'frontmatter-present'
  | 'frontmatter-schema'
  | 'required-sections'
  | 'approval-digest'
  | 'approval-consistency'
  | 'known-stories'
  | 'known-dependencies';

export interface DesignLintOptions {
  /** Absolute folder of the `.designrc.json`; file paths are taken relative to it. Absent: paths as given. */
  root?: string;
  /** The config folder relative to the repository root (`''` or `packages/a/`): digests hash repository paths. */
  repoPrefix?: string;
  /** Component types with their required sections; absent: the built-in types. */
  types?: Readonly<Record<string, ComponentType>>;
  /** The type of a design whose frontmatter and rule name none. */
  defaultType?: string;
  /** The mapping rules: which files are designs, and their default type. Absent: every file is a design. */
  components?: readonly ComponentRule[];
  /** Globs of files that are no one's business (they are not linted). */
  ignore?: readonly string[];
  /** Config-relative path of the architecture document. */
  architecture?: string;
  /** Config-relative glob of the story documents. */
  stories?: string;
  /** Ids of the stories that exist; absent: `known-stories` is off. */
  knownStories?: readonly string[];
  /** Ids of the components that exist (see `componentId`); absent: `known-dependencies` is off. */
  knownComponents?: readonly string[];
  /** The config's gates: `approval` sets the severity of the approval rules. */
  gates?: Partial<Gates>;
  /** Per-rule severity overrides (`off`, `warn`, `error`). */
  severity?: Partial<Record<RuleId, GateLevel>>;
}

export type DocumentKind = 'design' | 'architecture' | 'story';

export interface Classified {
  kind: DocumentKind;
  /** For a design: the `type` of the mapping rule that claims it, if the rule names one. */
  ruleType?: string;
}

/** Decides what a config-relative path is to the rules; undefined: none of their business. */
export type Classifier = (path: string) => Classified | undefined;

/**
 * Compiles the options' path facts once. Without `components` every file is a design (bare use of
 * the preset, and the fixtures); with them only the mapped design documents, the architecture and
 * the stories are, so a README in the same folder is left alone.
 * @example compileClassifier({ components, architecture: 'docs/architecture.md' })('docs/architecture.md') // { kind: 'architecture' }
 */
export function compileClassifier(options: Pick<DesignLintOptions, 'components' | 'ignore' | 'architecture' | 'stories'>): Classifier {
  const ignored = compileGlobs(options.ignore ?? []);
  const isStory = options.stories === undefined ? () => false : compileGlobs([options.stories]);
  const mapping = options.components === undefined ? undefined : compileMapping(options.components);
  return (path) => {
    if (ignored(path)) return undefined;
    if (options.architecture !== undefined && path === options.architecture) return { kind: 'architecture' };
    if (isStory(path)) return { kind: 'story' };
    if (mapping === undefined) return { kind: 'design' };
    const triple = mapping.fromDesign(path);
    if (triple === undefined) return undefined;
    const ruleType = options.components?.[triple.rule]?.type;
    return ruleType === undefined ? { kind: 'design' } : { kind: 'design', ruleType };
  };
}

/**
 * Splits a config-relative file list into what the lint rules look at, each list sorted.
 * @example classifyFiles(options, ['docs/design/a.md', 'src/a.ts']) // { designs: ['docs/design/a.md'], stories: [], architecture: [] }
 */
export function classifyFiles(
  options: Pick<DesignLintOptions, 'components' | 'ignore' | 'architecture' | 'stories'>,
  files: readonly string[],
): Record<'designs' | 'stories' | 'architecture', string[]> {
  const classify = compileClassifier(options);
  const out: Record<'designs' | 'stories' | 'architecture', string[]> = { designs: [], stories: [], architecture: [] };
  for (const file of [...new Set(files)].sort()) {
    const hit = classify(file);
    if (hit?.kind === 'design') out.designs.push(file);
    else if (hit?.kind === 'story') out.stories.push(file);
    else if (hit?.kind === 'architecture') out.architecture.push(file);
  }
  return out;
}

// designRoot and componentId live in core (core/architecture/components.ts), shared with the
// architecture and generator code; re-exported here for the preset's public surface.
export { componentId, designRoot };

/**
 * A story's id: its frontmatter `id` when that is text, else its file name without the extension
 * (`docs/stories/US-3.md` → `US-3`).
 * @example storyId('docs/stories/US-3.md', {}) // 'US-3'
 */
export function storyId(path: string, frontmatter: Readonly<Record<string, unknown>> | undefined): string {
  const id = frontmatter?.['id'];
  if (typeof id === 'string' && id.trim() !== '') return id.trim();
  const base = posix.basename(path);
  const ext = posix.extname(base);
  return ext === '' ? base : base.slice(0, -ext.length);
}

/** What a config contributes to the options; the caller adds what it learnt from the files. */
export function optionsFromConfig(
  config: Pick<DesignConfig, 'root' | 'types' | 'defaultType' | 'components' | 'ignore' | 'architecture' | 'stories' | 'gates'>,
  facts: { repoPrefix?: string; knownStories?: readonly string[]; knownComponents?: readonly string[] } = {},
): DesignLintOptions {
  return {
    root: config.root,
    repoPrefix: facts.repoPrefix ?? '',
    types: config.types,
    defaultType: config.defaultType,
    components: config.components,
    ignore: config.ignore,
    gates: config.gates,
    ...(config.architecture === undefined ? {} : { architecture: config.architecture }),
    ...(config.stories === undefined ? {} : { stories: config.stories }),
    ...(facts.knownStories === undefined ? {} : { knownStories: facts.knownStories }),
    ...(facts.knownComponents === undefined ? {} : { knownComponents: facts.knownComponents }),
  };
}

/** Reads a config-relative file's text; undefined when it cannot be read. */
export type ReadText = (path: string) => Promise<string | undefined>;

/**
 * The facts the rules cannot find themselves: the ids of the stories and of the components that
 * exist among `files` (config-relative). A component exists when its design or its code does; an
 * ignored code file (`types.ts` under `ignore`) still counts, since designs may depend on it. A
 * list is left out (its rule off) when the repository has none of that kind yet: before the first
 * story is written, no story can be called unknown. Stories are read frontmatter-only (no Markdown
 * parse): the fast path for a whole-repository scan.
 * @example await gatherFacts(options, files, read) // { knownStories: ['US-1'], knownComponents: ['core/errors'] }
 */
export async function gatherFacts(
  options: Pick<DesignLintOptions, 'components' | 'ignore' | 'architecture' | 'stories'>,
  files: readonly string[],
  readText: ReadText,
): Promise<{ knownStories?: string[]; knownComponents?: string[] }> {
  const { stories } = classifyFiles(options, files);
  const root = designRoot(options.components ?? []);
  const mapping = compileMapping(options.components ?? []);
  const components = new Set<string>();
  for (const file of files) {
    const hit = mapping.classify(file);
    if (hit !== undefined && hit.role !== 'test') components.add(componentId(hit.triple.design, root));
  }
  const knownStories = new Set<string>();
  for (const story of stories) {
    const text = await readText(story);
    if (text === undefined) continue;
    const read = tryReadFrontmatter(text, story);
    knownStories.add(storyId(story, read.ok ? read.doc.data : undefined));
  }
  return {
    ...(knownStories.size === 0 ? {} : { knownStories: [...knownStories].sort() }),
    ...(components.size === 0 ? {} : { knownComponents: [...components].sort() }),
  };
}
