/**
 * Resolves a relative import specifier to a file of the repository the way TypeScript's
 * NodeNext and bundler resolution find sources: the exact file, a `.js`/`.mjs`/`.cjs`/`.jsx`
 * specifier to its `.ts`/`.mts`/`.cts`/`.tsx` source, an extensionless one to `.ts`, `.tsx`,
 * `.js`, `.mjs`, `.jsx` or a folder's `index.*`. Bare specifiers (packages) resolve to nothing.
 */
import { posix } from 'node:path';

const SOURCE_OF: Record<string, readonly string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * The file (relative to the same root as `from` and `files`) that `specifier`, imported by `from`,
 * names; undefined for a package, a path outside the root, or a file that is not there.
 * @example resolveImport('core/a.ts', '../core/b.js', new Set(['core/b.ts'])) // undefined ('../core' leaves core/)
 * @example resolveImport('cli/a.ts', '../core/b.js', new Set(['core/b.ts'])) // 'core/b.ts'
 */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier.split(/[?#]/)[0]!));
  if (base === '..' || base.startsWith('../') || base.startsWith('/')) return undefined;
  const ext = posix.extname(base);
  const candidates: string[] = [base];
  const stem = base.slice(0, base.length - ext.length);
  for (const source of SOURCE_OF[ext] ?? []) candidates.push(stem + source);
  for (const e of EXTENSIONS) candidates.push(base + e);
  for (const e of EXTENSIONS) candidates.push(`${base}/index${e}`);
  return candidates.find((c) => files.has(c));
}
