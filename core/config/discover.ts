/**
 * Which `.designrc.json` governs a file: the nearest one at or above the file's folder, never above
 * the repository root. A monorepo may hold one per package; each file answers to its nearest.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { loadConfig, parseConfig } from './load.js';
import type { DesignConfig } from './types.js';

export const CONFIG_FILE = '.designrc.json';

/**
 * The nearest .designrc.json at or above `dir`, not above `stopAt` (the repository root); undefined if none.
 * @example findConfigFile('/repo/packages/a/src', '/repo') // '/repo/packages/a/.designrc.json'
 */
export function findConfigFile(dir: string, stopAt: string): string | undefined {
  const top = resolve(stopAt);
  let current = resolve(dir);
  if (!isWithin(current, top)) return undefined;
  for (;;) {
    const candidate = join(current, CONFIG_FILE);
    if (isFile(candidate)) return candidate;
    if (current === top) return undefined;
    current = dirname(current);
  }
}

export interface GroupOptions {
  /**
   * Reads a config's text by absolute path, or returns undefined when there is none: lets a caller
   * discover configs as they are at a commit or in the index rather than in the work tree.
   */
  readText?: (file: string) => string | undefined;
}

/**
 * Groups repository-relative file paths by the config that governs each (nearest .designrc.json
 * above it); returns [{config, files: paths relative to config.root}], ordered by config folder.
 * Files governed by no config are returned under `ungoverned`. Each config is loaded once, and a
 * malformed one throws its CONFIG error.
 * @example groupByConfig('/repo', ['packages/a/src/x.ts']) // { groups: [{ config, files: ['src/x.ts'] }], ungoverned: [] }
 */
export function groupByConfig(
  repoRoot: string,
  files: readonly string[],
  options: GroupOptions = {},
): { groups: Array<{ config: DesignConfig; files: string[] }>; ungoverned: string[] } {
  const root = resolve(repoRoot);
  const nearest = new Map<string, string | undefined>(); // repo-relative folder → repo-relative config folder
  const exists = (folder: string): boolean => {
    const file = join(root, folder, CONFIG_FILE);
    return options.readText === undefined ? isFile(file) : options.readText(file) !== undefined;
  };
  const governing = (folder: string): string | undefined => {
    if (nearest.has(folder)) return nearest.get(folder);
    const found = exists(folder) ? folder : folder === '' ? undefined : governing(parentOf(folder));
    nearest.set(folder, found);
    return found;
  };

  const byFolder = new Map<string, string[]>();
  const ungoverned: string[] = [];
  for (const file of files) {
    const folder = governing(parentOf(file));
    if (folder === undefined) {
      ungoverned.push(file);
      continue;
    }
    const list = byFolder.get(folder) ?? [];
    list.push(folder === '' ? file : file.slice(folder.length + 1));
    byFolder.set(folder, list);
  }

  const groups = [...byFolder.keys()].sort().map((folder) => {
    const file = join(root, folder, CONFIG_FILE);
    const displayPath = folder === '' ? CONFIG_FILE : `${folder}/${CONFIG_FILE}`;
    const text = options.readText?.(file);
    const config = text === undefined ? loadConfig(file, { displayPath }) : parseConfig(text, file, { displayPath });
    return { config, files: byFolder.get(folder)! };
  });
  return { groups, ungoverned };
}

/** The repository-relative folder holding a repository-relative path ('' at the top). */
function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function isWithin(path: string, top: string): boolean {
  const rel = relative(top, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
