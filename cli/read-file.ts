/** Reads repository files from the work tree for commands that judge the work tree (status, check). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadText } from '../core/structure.js';

export function workTreeReader(repoRoot: string): ReadText {
  return async (repoPath) => {
    try {
      return await readFile(join(repoRoot, repoPath), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
}
