/**
 * Maps a Go import path to the files it reaches. An import names a package, which is one folder:
 * `example.com/m/internal/billing`, with the module path `example.com/m` from the nearest `go.mod`,
 * is the folder `internal/billing/` beside that `go.mod`, and reaches every non-test `.go` file
 * directly in it. Paths outside the module (the standard library, other modules) reach nothing.
 */
import { readGoModulePath } from './go.js';

export interface GoModule {
  /** The import path of the folder `dir`. */
  path: string;
  /** A config-relative folder: `''` or ending in `/`. */
  dir: string;
}

type Read = (repoPath: string) => Promise<string | undefined>;

/** The folders holding `file`, innermost first, each `''` or ending in `/`. */
function foldersAbove(file: string): string[] {
  const segments = file.split('/').slice(0, -1);
  const folders: string[] = [];
  for (let k = segments.length; k >= 0; k--) folders.push(segments.slice(0, k).map((s) => `${s}/`).join(''));
  return folders;
}

/**
 * A lookup of the module of a config-relative file: the nearest `go.mod` among the config's
 * `files`, else one above the config's folder (`prefix`, repository-relative), read once each.
 * @example await goModules('', new Set(['go.mod', 'cmd/a.go']), read)('cmd/a.go') // { path: 'example.com/m', dir: '' }
 */
export function goModules(prefix: string, files: ReadonlySet<string>, read: Read): (file: string) => Promise<GoModule | undefined> {
  const cache = new Map<string, Promise<GoModule | undefined>>();
  const once = (key: string, load: () => Promise<GoModule | undefined>) => {
    let hit = cache.get(key);
    if (hit === undefined) cache.set(key, (hit = load()));
    return hit;
  };
  const moduleAt = async (repoFolder: string, sub: string, dir: string) => {
    const text = await read(`${repoFolder}go.mod`);
    const path = text === undefined ? undefined : readGoModulePath(text);
    return path === undefined ? undefined : { path: path + sub, dir };
  };
  // A config below its go.mod: the config folder's import path is the module path plus the way down.
  const above = async () => {
    const parts = prefix.split('/').filter((p) => p !== '');
    for (let k = parts.length - 1; k >= 0; k--) {
      const found = await moduleAt(parts.slice(0, k).map((s) => `${s}/`).join(''), parts.slice(k).map((s) => `/${s}`).join(''), '');
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return (file) => {
    const dir = foldersAbove(file).find((f) => files.has(`${f}go.mod`));
    return dir === undefined ? once('', above) : once(dir, () => moduleAt(prefix + dir, '', dir));
  };
}

/**
 * The config-relative folder an import path names inside `module`, or undefined outside it.
 * @example goPackageDir('example.com/m/internal/billing', { path: 'example.com/m', dir: '' }) // 'internal/billing/'
 */
export function goPackageDir(importPath: string, module: GoModule): string | undefined {
  if (importPath === module.path) return module.dir;
  if (!importPath.startsWith(`${module.path}/`)) return undefined;
  return `${module.dir}${importPath.slice(module.path.length + 1)}/`;
}

/**
 * The packages of the config's files: each folder's `.go` files without tests (a package is exactly
 * one folder, so sub-folders are other packages), sorted. Built once per check, so each import is
 * one lookup rather than a pass over the repository.
 * @example goPackages(['billing/a.go', 'billing/a_test.go', 'billing/x/b.go']).get('billing/') // ['billing/a.go']
 */
export function goPackages(files: Iterable<string>): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  for (const f of files) {
    if (!f.endsWith('.go') || f.endsWith('_test.go')) continue;
    const dir = f.slice(0, f.lastIndexOf('/') + 1);
    const list = packages.get(dir);
    if (list === undefined) packages.set(dir, [f]);
    else list.push(f);
  }
  for (const list of packages.values()) list.sort();
  return packages;
}
