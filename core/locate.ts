/**
 * Finds the config and mapping for one repository path without listing the whole repository
 * (used by `new` and `digest`, which act on a single file).
 */
import { dirname, join, relative, sep } from 'node:path';
import { findConfigFile } from './config/discover.js';
import { loadConfig } from './config/load.js';
import type { DesignConfig } from './config/types.js';
import { DesignGateError } from './errors.js';
import { workspaceMessages } from './messages/workspace.js';

export interface Located {
  config: DesignConfig;
  /** The path relative to the config's root. */
  local: string;
  /** The config's folder relative to the repository root ('' or 'pkg/'). */
  prefix: string;
}

/** @example locateFile('/repo', 'lib/my_app/a.ex') // { config, local: 'lib/my_app/a.ex', prefix: '' } */
export function locateFile(repoRoot: string, repoPath: string): Located {
  const file = findConfigFile(dirname(join(repoRoot, repoPath)), repoRoot);
  if (file === undefined) throw new DesignGateError('CONFIG', workspaceMessages.noConfig(repoPath), { fix: workspaceMessages.noConfigFix });
  const config = loadConfig(file, { displayPath: relative(repoRoot, file).split(sep).join('/') });
  const prefixRaw = relative(repoRoot, config.root).split(sep).join('/');
  const prefix = prefixRaw === '' ? '' : `${prefixRaw}/`;
  return { config, prefix, local: repoPath.slice(prefix.length) };
}
