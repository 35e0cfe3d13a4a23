/**
 * Where a session may write (R12). The tool, never the model, names the two paths of a component
 * from the mapping; before anything is written, each is checked here: a normalised relative path,
 * not protected (git's folder, hooks, CI workflows, package manifests, designgate's config and
 * records, design documents), and — after resolving every symbolic link on the way — still that
 * same path inside the repository, compared on separator boundaries (F1–F3). A symbolic link
 * anywhere on the way is refused: the write would land somewhere the tool did not choose.
 */
import { lstat, realpath } from 'node:fs/promises';
import { join, relative, sep, isAbsolute } from 'node:path';
import { DesignGateError } from '../core/errors.js';
import { generatorMessages as m } from '../core/messages/generators.js';

/** Top-level folders and file names no session writes, compared without case (case-insensitive file systems). */
const PROTECTED_FOLDERS = ['.git', '.husky', '.githooks', '.designgate', '.github/workflows', '.circleci', '.gitlab'];
const PROTECTED_NAMES = [
  '.designrc.json',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  '.gitattributes',
  '.gitmodules',
  '.gitignore',
  '.gitlab-ci.yml',
  '.pre-commit-config.yaml',
  '.npmrc',
];
const PROTECTED_NAME_PREFIXES = ['.lintstagedrc', 'lint-staged.config.', '.huskyrc'];

export interface ConfineOptions {
  /** Whether a repository path is a design document or the architecture (never written by a code session). */
  isDesign: (repoPath: string) => boolean;
  /** The one design path a design session may write. */
  allowDesign?: string;
}

/**
 * Why a repository path is protected, or undefined when it is not.
 * @example protectedReason('.husky/pre-commit', { isDesign: () => false }) // 'the hooks folder .husky/'
 */
export function protectedReason(repoPath: string, options: ConfineOptions): string | undefined {
  const lower = repoPath.toLowerCase();
  const segments = lower.split('/');
  if (segments.includes('.git')) return m.protectedGit;
  for (const folder of PROTECTED_FOLDERS) if (lower === folder || lower.startsWith(`${folder}/`)) return m.protectedFolder(folder);
  const name = segments.at(-1) ?? '';
  if (PROTECTED_NAMES.includes(name) || PROTECTED_NAME_PREFIXES.some((p) => name.startsWith(p))) return m.protectedName(name);
  if (repoPath !== options.allowDesign && options.isDesign(repoPath)) return m.protectedDesign;
  return undefined;
}

/** A relative path with forward slashes and no empty, `.` or `..` segment, no drive letter, no NUL. */
export function isNormalRelative(repoPath: string): boolean {
  if (repoPath === '' || repoPath.includes('\\') || repoPath.includes('\0') || isAbsolute(repoPath) || /^[a-zA-Z]:/.test(repoPath)) return false;
  return repoPath.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * Checks a target and returns its absolute path; throws DesignGateError('USAGE') naming the path
 * and the reason when it may not be written.
 * @example await confineTarget('/repo', 'src/add.js', { isDesign }) // '/repo/src/add.js'
 */
export async function confineTarget(repoRoot: string, repoPath: string, options: ConfineOptions): Promise<string> {
  const refuse = (reason: string) => new DesignGateError('USAGE', m.targetRefused(repoPath, reason), { fix: m.targetRefusedFix });
  if (!isNormalRelative(repoPath)) throw refuse(m.notNormalPath);
  const direct = protectedReason(repoPath, options);
  if (direct !== undefined) throw refuse(direct);

  const realRoot = await realpath(repoRoot);
  const segments = repoPath.split('/');
  let existing = repoRoot;
  let rest: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const next = join(existing, segments[i]!);
    const info = await lstat(next).catch(() => undefined);
    if (info === undefined) {
      rest = segments.slice(i);
      break;
    }
    if (info.isSymbolicLink() && i === segments.length - 1) throw refuse(m.targetIsSymlink);
    if (i < segments.length - 1 && !info.isSymbolicLink() && !info.isDirectory()) throw refuse(m.parentNotFolder(segments.slice(0, i + 1).join('/')));
    existing = next;
  }
  const resolvedParent = await realpath(existing);
  const resolved = join(resolvedParent, ...rest);
  const rel = relative(realRoot, resolved);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw refuse(m.escapesRepository);
  // Confined to the path itself: a link anywhere on the way would let the write land elsewhere.
  const resolvedRepoPath = rel.split(sep).join('/');
  if (resolvedRepoPath !== repoPath) throw refuse(m.throughLink(resolvedRepoPath));
  return resolved;
}
