/**
 * Ignore-glob matching with .gitignore conventions, on picomatch: people write `ignore` the way
 * they write .gitignore, so `*.d.ts` means "at any depth" and `lib/generated` covers the folder.
 */
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { DesignGateError } from './errors.js';
import { mappingMessages as m } from './messages/mapping.js';

// windows: false — paths are always repository-relative with forward slashes, whatever the OS, and
// picomatch would otherwise treat `\` as a separator on Windows only.
const OPTIONS: picomatch.PicomatchOptions = { dot: true, windows: false };

/** The picomatch patterns one gitignore-style pattern stands for. */
function expand(glob: string): string[] {
  let body = glob.startsWith('./') ? glob.slice(2) : glob;
  const anchored = body.startsWith('/');
  if (anchored) body = body.slice(1);
  const folderOnly = body.endsWith('/');
  if (folderOnly) body = body.replace(/\/+$/, '');
  if (body === '') throw new DesignGateError('CONFIG', m.globEmpty, { fix: m.globFix });
  // Like .gitignore: a pattern with no inner `/` matches at any depth; one with an inner `/` or a
  // leading `/` is relative to the config's folder.
  const rooted = anchored || body.includes('/') ? body : `**/${body}`;
  // A pattern that names a folder covers everything in it; `dir/` names only folders.
  // (`/**/*`, not `/**`: picomatch's `dir/**` also matches a file named `dir`.)
  return folderOnly ? [`${rooted}/**/*`] : [rooted, `${rooted}/**/*`];
}

function matcher(globs: readonly string[]): (file: string) => boolean {
  const patterns = globs.flatMap(expand);
  try {
    return picomatch(patterns, OPTIONS);
  } catch (error) {
    throw new DesignGateError('CONFIG', m.globInvalid(globs.join(', '), error instanceof Error ? error.message : String(error)), {
      fix: m.globFix,
      cause: error,
    });
  }
}

/**
 * Compiles gitignore-style globs into one predicate over repository-relative paths. Dotfiles are
 * matched too; `!pattern` re-includes what an earlier pattern excluded (the last match wins).
 * Throws DesignGateError('CONFIG') for an empty or unusable pattern.
 * @example compileGlobs(['*.d.ts', 'lib/generated/'])('src/types/x.d.ts') // true
 */
export function compileGlobs(globs: readonly string[]): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  if (!globs.some((g) => g.startsWith('!'))) return matcher(globs);
  // Negations make order matter: keep a matcher per pattern and let the last match decide.
  const ordered = globs.map((g) => (g.startsWith('!') ? { negated: true, test: matcher([g.slice(1)]) } : { negated: false, test: matcher([g]) }));
  return (file) => {
    for (let i = ordered.length - 1; i >= 0; i--) {
      const p = ordered[i]!;
      if (p.test(file)) return !p.negated;
    }
    return false;
  };
}

/**
 * A folder (with its trailing `/`) that every path `glob` matches lies in, or '' when there is
 * none: a caller can skip the paths outside it without running the matcher (the story glob at a
 * commit of a 50,000-file repository).
 * @example globBase('docs/stories/*.md') // 'docs/stories/'
 */
export function globBase(glob: string): string {
  const bases = expand(glob).map((pattern) => {
    const scanned = picomatch.scan(pattern, OPTIONS);
    const base = scanned.isGlob ? scanned.base : posix.dirname(pattern);
    return base === '.' || base === '' ? [] : base.split('/');
  });
  const common: string[] = [];
  for (let i = 0; bases.every((b) => i < b.length && b[i] === bases[0]![i]); i++) common.push(bases[0]![i]!);
  return common.length === 0 ? '' : `${common.join('/')}/`;
}
