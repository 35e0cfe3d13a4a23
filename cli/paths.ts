/** Turns a path the user typed (relative to their current directory) into a repository-relative one. */
import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { DesignGateError } from '../core/errors.js';
import { cliMessages } from './messages.js';

/** @example toRepoRelative('/repo', '/repo/lib', 'a.ex') // 'lib/a.ex' */
export function toRepoRelative(repoRoot: string, cwd: string, path: string): string {
  // git reports the real path of the top level; resolve symlinks in cwd the same way.
  const rel = relative(repoRoot, resolve(realpathSync(cwd), path)).split(sep).join('/');
  if (rel === '..' || rel.startsWith('../')) {
    throw new DesignGateError('USAGE', cliMessages.pathOutsideRepo(path), { fix: cliMessages.pathOutsideRepoFix });
  }
  return rel;
}
