/**
 * Maps a Python import to the files of the repository it lands in: `a.b.c` is `a/b/c.py` or the
 * package `a/b/c/__init__.py` under a source root (the folder of a `.py` code template, climbed out
 * of packages); `from a.b import c` is the submodule `a/b/c.py` when it exists, else `a/b.py`;
 * relative imports start from the importing file's package. Library modules resolve to nothing.
 */
import { posix } from 'node:path';
import type { PythonImport } from './python.js';

export interface PythonTarget {
  /** The config-relative file the import lands in. */
  file: string;
  /** The module as written, with the imported name appended when it is a submodule. */
  specifier: string;
  line: number;
  column: number;
}

/** A folder as `''` or `a/b/`, so paths are built by concatenation. */
const asFolder = (dir: string) => (dir === '' || dir === '.' ? '' : `${dir.replace(/\/$/, '')}/`);

/**
 * The folders top-level modules are imported from: the folder before `{path}` of each `.py` code
 * template, climbed while it holds an `__init__.py` (a package is imported by its full name from
 * the folder above the top package).
 * @example pythonRoots(['src/{path}.py'], new Set(['src/app/a.py'])) // ['src/']
 */
export function pythonRoots(codeTemplates: readonly string[], files: ReadonlySet<string>): string[] {
  const roots: string[] = [];
  for (const template of codeTemplates) {
    if (!template.endsWith('.py')) continue;
    const prefix = template.slice(0, template.indexOf('{path}'));
    let root = asFolder(prefix.slice(0, prefix.lastIndexOf('/') + 1));
    while (root !== '' && files.has(`${root}__init__.py`)) root = asFolder(posix.dirname(root));
    if (!roots.includes(root)) roots.push(root);
  }
  return roots;
}

/** The module file or package `__init__.py` of `segments` under `folder`, when one exists. */
function moduleFile(folder: string, segments: readonly string[], files: ReadonlySet<string>): string | undefined {
  const path = folder + segments.join('/');
  const candidates = segments.length === 0 ? [`${folder}__init__.py`] : [`${path}.py`, `${path}/__init__.py`];
  return candidates.find((c) => files.has(c));
}

/** The folders the module part of `imp` is looked up in: the roots, or the package a relative import starts from. */
function baseFolders(from: string, module: string, roots: readonly string[]): string[] {
  const level = module.length - module.replace(/^\.+/, '').length;
  if (level === 0) return [...roots];
  const parts = posix.dirname(from).split('/').filter((p) => p !== '.' && p !== '');
  // One dot is the file's own package; each further dot is one package up.
  if (level - 1 > parts.length) return [];
  return [asFolder(parts.slice(0, parts.length - (level - 1)).join('/'))];
}

/**
 * The files one import of `from` lands in, each with the position to report it at.
 * @example resolvePythonImport('src/app/web/page.py', { module: '..core', line: 1, column: 6, names: [{ name: 'util', line: 1, column: 20 }] }, ['src/'], new Set(['src/app/core/util.py']))
 *   // [{ file: 'src/app/core/util.py', specifier: '..core.util', line: 1, column: 20 }]
 */
export function resolvePythonImport(from: string, imp: PythonImport, roots: readonly string[], files: ReadonlySet<string>): PythonTarget[] {
  const segments = imp.module.replace(/^\.+/, '').split('.').filter((s) => s !== '');
  const here = { specifier: imp.module, line: imp.line, column: imp.column };
  for (const folder of baseFolders(from, imp.module, roots)) {
    const own = moduleFile(folder, segments, files);
    if (imp.names.length === 0) {
      if (own !== undefined) return [{ file: own, ...here }];
      continue;
    }
    const targets: PythonTarget[] = [];
    let named = false;
    for (const n of imp.names) {
      const sub = n.name === '*' ? undefined : moduleFile(folder, [...segments, n.name], files);
      if (sub !== undefined) {
        const dot = imp.module.endsWith('.') ? '' : '.';
        targets.push({ file: sub, specifier: imp.module + dot + n.name, line: n.line, column: n.column });
      } else if (own !== undefined && !named) {
        // Names defined in the module itself: one target for all of them, at the module.
        named = true;
        targets.push({ file: own, ...here });
      }
    }
    if (targets.length > 0) return targets;
  }
  return [];
}
