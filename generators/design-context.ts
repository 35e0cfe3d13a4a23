/**
 * What a design session shows the model besides the code, the current design, the type's sections
 * and the architecture excerpt: the text of the stories its architecture context serves, and the
 * Public API sections of the designs the current design depends on (a design being revised names
 * them; a new one has none yet). Nothing else from the repository accumulates: the prompt stays the
 * size of one component, however many stories and designs the repository holds.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DesignConfig } from '../core/config/types.js';
import { listWorkTreeFiles } from '../core/git/worktree.js';
import { loadStories, storyFiles } from '../core/stories/reader.js';
import { draftingMessages as m } from '../core/messages/drafting.js';
import { formatDependencies } from './code-prompt.js';
import { gatherCodeContext } from './context.js';
import { dataBlock } from './prompts.js';

export interface DesignContextInput {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  config: Pick<DesignConfig, 'components' | 'types' | 'defaultType' | 'stories'>;
  /** The config's folder relative to the repository root ('' or 'pkg/'). */
  prefix: string;
  /** The component rule that maps the design. */
  rule: number;
  designPath: string;
  /** The design as it is, when it exists. */
  existing: string | undefined;
  /** The story ids of the architecture contexts that own the code. */
  storyIds: readonly string[];
}

/**
 * The two prompt parts, ready to fill in.
 * @example await gatherDesignContext({ ..., storyIds: ['US-1'] }) // { stories: '<<<BEGIN docs/stories/US-1.md …>>>…', dependencies: '(…)' }
 */
export async function gatherDesignContext(input: DesignContextInput): Promise<{ stories: string; dependencies: string }> {
  const read = (p: string) => readFile(join(input.repoRoot, p), 'utf8').catch(() => undefined);
  return { stories: await storiesPart(input, read), dependencies: await dependenciesPart(input, read) };
}

async function storiesPart(input: DesignContextInput, read: (p: string) => Promise<string | undefined>): Promise<string> {
  if (input.storyIds.length === 0) return m.promptNoContextStories;
  const files = (await listWorkTreeFiles(input.repoRoot, input.env)).filter((f) => f.startsWith(input.prefix)).map((f) => f.slice(input.prefix.length));
  const { stories } = await loadStories(storyFiles(input.config.stories, files), input.prefix, read, 'warning');
  const parts: string[] = [];
  for (const id of input.storyIds) {
    const file = stories.get(id);
    const text = file === undefined ? undefined : await read(file);
    parts.push(file === undefined || text === undefined ? m.promptStoryMissing(id) : dataBlock(file, text));
  }
  return parts.join('\n\n');
}

async function dependenciesPart(input: DesignContextInput, read: (p: string) => Promise<string | undefined>): Promise<string> {
  if (input.existing === undefined) return m.promptNoDependenciesYet;
  const context = await gatherCodeContext({ config: input.config, prefix: input.prefix, rule: input.rule, designPath: input.designPath, designText: input.existing, read });
  return formatDependencies(context.dependencies);
}
