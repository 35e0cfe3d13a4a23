/**
 * `designgate new story <id> <title…>`: writes a story skeleton into the stories folder of the
 * nearest `.designrc.json` (the folder of its `stories` glob, default `docs/stories/`). Never
 * overwrites. A helper of `new`, which hands over when its first argument is `story`.
 */
import { join } from 'node:path';
import type { Io } from './command.js';
import { DesignGateError } from '../core/errors.js';
import { findRepoRoot } from '../core/git/worktree.js';
import { locateFile } from '../core/locate.js';
import { writeFileAtomic, TargetExistsError } from '../core/fs-atomic.js';
import { workspaceMessages } from '../core/messages/workspace.js';
import { architectureMessages as m } from '../core/messages/architecture.js';
import { DEFAULT_STORIES_GLOB, STORY_ID_PATTERN } from '../core/stories/reader.js';
import { renderStory } from '../core/stories/template.js';
import { toRepoRelative } from './paths.js';
import { EXIT } from './exit.js';

/**
 * The config-relative folder new stories go to: the folder of a `<folder>/*.md` glob, else the
 * default's.
 * @example storyFolder('stories/*.md') // 'stories/'
 */
export function storyFolder(glob: string | undefined): string {
  const match = /^((?:[^*?[\]{}!]+\/)?)\*\.md$/.exec(glob ?? DEFAULT_STORIES_GLOB);
  return match === null ? 'docs/stories/' : (match[1] ?? '');
}

/**
 * Runs `new story`; `args` are the positionals after `story`: the id, then the title's words.
 * @example await newStory(io, ['US-1', 'Sign', 'in']) // writes docs/stories/US-1.md, returns 0
 */
export async function newStory(io: Pick<Io, 'cwd' | 'env' | 'stdout'>, args: readonly string[]): Promise<number> {
  const [id, ...words] = args;
  const title = words.join(' ').trim();
  if (id === undefined || title === '' || !STORY_ID_PATTERN.test(id)) {
    throw new DesignGateError('USAGE', m.storyBadId(id ?? ''), { fix: m.storyBadIdFix });
  }
  const repoRoot = await findRepoRoot(io.cwd, io.env);
  if (repoRoot === undefined) throw new DesignGateError('GIT', workspaceMessages.notARepository(io.cwd), { fix: workspaceMessages.notARepositoryFix });
  // The nearest config above the current folder: in a monorepo, the package being worked on.
  const { config, prefix } = locateFile(repoRoot, toRepoRelative(repoRoot, io.cwd, `${id}.md`));
  const path = `${prefix}${storyFolder(config.stories)}${id}.md`;
  try {
    await writeFileAtomic(join(repoRoot, path), renderStory(id, title), { overwrite: false });
  } catch (error) {
    if (error instanceof TargetExistsError) throw new DesignGateError('USAGE', m.storyExists(path), { fix: m.storyExistsFix(path) });
    throw error;
  }
  io.stdout(m.storyWritten(path));
  return EXIT.ok;
}
