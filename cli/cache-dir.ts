/** The user's cache folder for designgate (XDG_CACHE_HOME, else ~/.cache): holds the key that authenticates the evidence cache. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** @example userCacheDir({ XDG_CACHE_HOME: '/c' }) // '/c/designgate' */
export function userCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');
  return join(base, 'designgate');
}
