/**
 * Which `.designrc.json` governs a path in a snapshot (the index, or a commit's tree) and what the
 * path is to it: code, test, design, the architecture or a story. The hooks and `verify` judge
 * snapshots that are not the work tree, so configs are read through the same reader as the files
 * (`readStaged`, `readAt(rev)`), never from disk.
 */
import { join } from 'node:path';
import { parseConfig } from '../config/load.js';
import { CONFIG_FILE } from '../config/discover.js';
import type { DesignConfig } from '../config/types.js';
import { compileGlobs } from '../glob.js';
import { compileMapping, type CompiledMapping, type Triple } from '../mapping.js';
import type { GitAdapter } from '../git/types.js';

/** Reads a repository-relative path of the snapshot; undefined when it is absent there. */
export type ReadBlob = (repoPath: string) => Promise<Buffer | undefined>;

export interface Governing {
  config: DesignConfig;
  /** Repository-relative path of the `.designrc.json`. */
  configPath: string;
  /** The config's folder relative to the repository root: '' or 'packages/a/'. */
  prefix: string;
  mapping: CompiledMapping;
  ignored: (configRelative: string) => boolean;
  isStory: (configRelative: string) => boolean;
}

export type Role = 'code' | 'test' | 'design' | 'architecture' | 'story';

export interface Classified {
  governing: Governing;
  role: Role;
  /** For code, test and design: the component's three paths, repository-relative. */
  triple?: Triple;
}

/** Finds the governing config of repository paths in one snapshot (memoised per folder). */
export type Locate = (repoPath: string) => Promise<Governing | undefined>;

/**
 * @example const locate = configLocator('/repo', (p) => git.readStaged(p)); (await locate('src/a.ts'))?.configPath // '.designrc.json'
 */
export function configLocator(repoRoot: string, read: ReadBlob): Locate {
  const byFolder = new Map<string, Promise<Governing | undefined>>();
  const atFolder = (folder: string): Promise<Governing | undefined> => {
    let found = byFolder.get(folder);
    if (found === undefined) {
      found = (async () => {
        const configPath = folder === '' ? CONFIG_FILE : `${folder}/${CONFIG_FILE}`;
        const text = await read(configPath);
        if (text !== undefined) return governing(repoRoot, configPath, folder, text.toString('utf8'));
        return folder === '' ? undefined : atFolder(parentOf(folder));
      })();
      byFolder.set(folder, found);
    }
    return found;
  };
  return (repoPath) => atFolder(parentOf(repoPath));
}

/**
 * One Governing per config text and place for the whole run: verify and pre-push read the same
 * config at the base, at the head and for the approval prefetch, each through its own locator.
 * A Governing is never changed after it is made, so sharing it is safe.
 */
const governingMemo = new Map<string, Governing>();

function governing(repoRoot: string, configPath: string, folder: string, text: string): Governing {
  const key = `${repoRoot}\0${configPath}\0${folder}\0${text}`;
  let found = governingMemo.get(key);
  if (found === undefined) governingMemo.set(key, (found = compileGoverning(repoRoot, configPath, folder, text)));
  return found;
}

function compileGoverning(repoRoot: string, configPath: string, folder: string, text: string): Governing {
  // Throws the config's CONFIG error, every cause located: a broken config stops the gate (exit 2).
  const config = parseConfig(text, join(repoRoot, configPath), { displayPath: configPath });
  return {
    config,
    configPath,
    prefix: folder === '' ? '' : `${folder}/`,
    mapping: compileMapping(config.components),
    ignored: compileGlobs(config.ignore),
    isStory: config.stories === undefined ? () => false : compileGlobs([config.stories]),
  };
}

/**
 * The configs as committed at `head` govern (a staged edit of `.designrc.json` applies once it is
 * committed, as in verify, where the base governs); a path no committed config governs answers to
 * the staged one, so the commit that adopts designgate is checked by its own config.
 * @example const locate = committedFirst('/repo', git, headOid)
 */
export function committedFirst(repoRoot: string, git: GitAdapter, head: string | undefined): Locate {
  const staged = configLocator(repoRoot, (p) => git.readStaged(p));
  if (head === undefined) return staged;
  const committed = configLocator(repoRoot, (p) => git.readAt(head, p));
  return async (path) => (await committed(path)) ?? staged(path);
}

/**
 * What a repository path is to the config that governs it; undefined when no config governs it,
 * it is ignored, or no rule maps it.
 * @example await classifyPath(locate, 'src/a.ts') // { role: 'code', triple: { design: 'docs/design/a.md', … } }
 */
export async function classifyPath(locate: Locate, repoPath: string): Promise<Classified | undefined> {
  const g = await locate(repoPath);
  if (g === undefined) return undefined;
  return classifyIn(g, repoPath);
}

/** `classifyPath` when the governing config is known. */
export function classifyIn(g: Governing, repoPath: string): Classified | undefined {
  // verify asks about the same few paths once per commit (5,000 commits, a few hundred paths).
  let byPath = classified.get(g);
  if (byPath === undefined) classified.set(g, (byPath = new Map()));
  if (byPath.has(repoPath)) return byPath.get(repoPath);
  const found = classifyUncached(g, repoPath);
  byPath.set(repoPath, found);
  return found;
}

const classified = new WeakMap<Governing, Map<string, Classified | undefined>>();

function classifyUncached(g: Governing, repoPath: string): Classified | undefined {
  if (!repoPath.startsWith(g.prefix)) return undefined;
  const rel = repoPath.slice(g.prefix.length);
  if (g.ignored(rel)) return undefined;
  if (g.config.architecture !== undefined && rel === g.config.architecture) return { governing: g, role: 'architecture' };
  const hit = g.mapping.classify(rel);
  if (hit !== undefined) {
    const t = hit.triple;
    return { governing: g, role: hit.role, triple: { ...t, code: g.prefix + t.code, design: g.prefix + t.design, test: g.prefix + t.test } };
  }
  if (g.isStory(rel)) return { governing: g, role: 'story' };
  return undefined;
}

/**
 * The repository-relative folders that hold a config's design documents and its architecture:
 * where approval evidence lives (the approval check reads history for these folders only).
 */
export function designScopes(g: Governing): string[] {
  const scopes = new Set<string>();
  for (const rule of g.config.components) {
    const at = rule.design.indexOf('{path}');
    const prefix = rule.design.slice(0, at);
    scopes.add(g.prefix + prefix.slice(0, prefix.lastIndexOf('/') + 1).replace(/\/$/, ''));
  }
  if (g.config.architecture !== undefined) scopes.add(g.prefix + parentOf(g.config.architecture));
  return [...scopes].map((s) => s.replace(/\/$/, ''));
}

/** Whether a repository path is a design document or the architecture of the config governing it. */
export async function isDesignPath(locate: Locate, repoPath: string): Promise<boolean> {
  const c = await classifyPath(locate, repoPath);
  return c !== undefined && (c.role === 'design' || c.role === 'architecture');
}

/** The repository-relative folder holding a path ('' at the top). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
