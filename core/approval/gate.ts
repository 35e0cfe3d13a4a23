/**
 * The approval gate over a whole workspace, for `check` and `status`: every design of every
 * config (and each config's architecture document) with its derived approval state, judged
 * against the trust root of a trusted revision (HEAD for local commands, the base for `verify`)
 * and the evidence in the history of `head`. The `status: approved` field is never trusted.
 */
import type { DesignConfig } from '../config/types.js';
import type { GitAdapter } from '../git/types.js';
import { compileGlobs } from '../glob.js';
import { compileMapping, parseTemplate } from '../mapping.js';
import type { ReadText } from '../structure.js';
import { toRepoPath, type Workspace } from '../workspace.js';
import { checkApprovals, type ApprovalCheckResult, type DesignInput } from './check.js';
import { loadTrustRoot } from './trust-root.js';
import { inScope } from '../path-scope.js';

export interface WorkspaceApprovalOptions {
  ws: Workspace;
  git: GitAdapter;
  env: NodeJS.ProcessEnv;
  /** Reads a design's text as it stands (work tree or index). */
  read: ReadText;
  /** The revision approvers and keys are read from (default HEAD). */
  trustedRev?: string;
  /** The revision whose history holds the evidence (default HEAD). */
  head?: string;
  now: Date;
  /** Only designs equal to or under these repository paths. */
  paths?: readonly string[];
  /** Revoked keys for every trust root. */
  revokedKeys?: readonly string[];
  /** The user's cache folder with the evidence cache's key (see check.ts); without it nothing is cached. */
  cacheKeyDir?: string;
}

/** The folder part of a design template before `{path}` ('' when the template starts with it). */
function templateFolder(template: string): string {
  const { prefix } = parseTemplate(template);
  return prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
}

function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/** Whether a config-relative path is a design of `config` (or its architecture document). */
function designMatcher(config: DesignConfig): (local: string) => boolean {
  const mapping = compileMapping(config.components);
  const ignored = compileGlobs(config.ignore);
  return (local) => local === config.architecture || (!ignored(local) && mapping.fromDesign(local) !== undefined);
}

/**
 * @example const { verdicts, problems } = await checkWorkspaceApprovals({ ws, git, env, read, now: new Date() })
 */
export async function checkWorkspaceApprovals(options: WorkspaceApprovalOptions): Promise<ApprovalCheckResult> {
  const { ws, git } = options;
  const [trusted, head] = await Promise.all([git.resolve(options.trustedRev ?? 'HEAD'), git.resolve(options.head ?? 'HEAD')]);
  // Longest prefix first, so a nested config governs its own folder.
  const groups = [...ws.groups].sort((a, b) => b.prefix.length - a.prefix.length);
  const matchers = new Map(groups.map((g) => [g, designMatcher(g.config)]));
  const isDesign = (repoPath: string): boolean => {
    const group = groups.find((g) => repoPath.startsWith(g.prefix));
    return group !== undefined && (matchers.get(group)?.(repoPath.slice(group.prefix.length)) ?? false);
  };
  const scopes: string[] = [];
  const designs: DesignInput[] = [];
  for (const group of groups) {
    const { config } = group;
    for (const rule of config.components) scopes.push(toRepoPath(group, templateFolder(rule.design)).replace(/\/$/, ''));
    if (config.architecture !== undefined) scopes.push(folderOf(toRepoPath(group, config.architecture)));
    const trust = await loadTrustRoot({
      git,
      rev: trusted,
      configPath: `${group.prefix}.designrc.json`,
      ...(options.revokedKeys === undefined ? {} : { revokedKeys: options.revokedKeys }),
    });
    // The gate level comes from the trusted config when there is one: a change cannot switch its own gate off.
    const gate = 'registry' in trust ? trust.config.gates.approval : config.gates.approval;
    const isOwnDesign = matchers.get(group)!;
    for (const local of group.files) {
      const path = toRepoPath(group, local);
      if (!isOwnDesign(local) || !inScope(path, options.paths)) continue;
      designs.push({ path, text: await options.read(path), trust, gate });
    }
  }
  return checkApprovals({
    ctx: { cwd: git.root, env: options.env },
    git,
    head,
    designs,
    isDesign,
    scopes,
    now: options.now,
    ...(options.cacheKeyDir === undefined ? {} : { cacheKeyDir: options.cacheKeyDir }),
  });
}
