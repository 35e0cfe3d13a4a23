/**
 * A repository as designgate sees it: its root, and its files grouped by the `.designrc.json` that
 * governs each (the nearest one above the file, so a monorepo can hold several).
 */
import { relative, sep } from 'node:path';
import type { DesignConfig } from './config/types.js';
import { groupByConfig } from './config/discover.js';
import { DesignGateError } from './errors.js';
import { findRepoRoot, listWorkTreeFiles } from './git/worktree.js';
import { workspaceMessages } from './messages/workspace.js';

export interface ConfigGroup {
  config: DesignConfig;
  /** The config's folder relative to the repository root: '' or 'packages/a/' (always ending in '/'). */
  prefix: string;
  /** Files governed by this config, relative to `config.root`. */
  files: string[];
}

export interface Workspace {
  repoRoot: string;
  groups: ConfigGroup[];
  /** Repository-relative files that no config governs. */
  ungoverned: string[];
}

/** Converts a config-relative path of a group to a repository-relative one. */
export function toRepoPath(group: Pick<ConfigGroup, 'prefix'>, file: string): string {
  return group.prefix + file;
}

/** Loads the work tree's files and the configs governing them; throws GIT/CONFIG errors with fixes. */
export async function loadWorkspace(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Workspace> {
  // Both git calls at once: start-up time is what every command a user types pays.
  const [root, listing] = await Promise.allSettled([findRepoRoot(options.cwd, options.env), listWorkTreeFiles(options.cwd, options.env)]);
  const repoRoot = root.status === 'fulfilled' ? root.value : undefined;
  if (repoRoot === undefined) {
    throw new DesignGateError('GIT', workspaceMessages.notARepository(options.cwd), { fix: workspaceMessages.notARepositoryFix });
  }
  if (listing.status === 'rejected') throw listing.reason;
  const files = listing.value;
  const { groups, ungoverned } = groupByConfig(repoRoot, files);
  if (groups.length === 0) {
    throw new DesignGateError('CONFIG', workspaceMessages.noConfig(repoRoot), { fix: workspaceMessages.noConfigFix });
  }
  return {
    repoRoot,
    ungoverned,
    groups: groups.map((g) => {
      const rel = relative(repoRoot, g.config.root).split(sep).join('/');
      return { config: g.config, files: g.files, prefix: rel === '' ? '' : `${rel}/` };
    }),
  };
}
