/**
 * What `approve` and `unapprove` will write, decided before anything is written: which files are
 * designs, whether the current git user may approve each, and the new text of each. A design is
 * approved as committed: its content (the digest) in the work tree and in the index must equal
 * its content at HEAD, so the approval commit changes approval blocks only and no edit in
 * progress is swept into it or lost. An approval also records the digest of the design's context
 * entry in the architecture as committed at HEAD (`approval.context`), which `approve --confirm`
 * brings up to date when the entry changed (see core/architecture/suspect.ts).
 */
import { lstat, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Approver, DesignConfig } from '../config/types.js';
import { designDigest } from '../digest.js';
import { DesignGateError, isDesignGateError } from '../errors.js';
import { readFrontmatter } from '../frontmatter.js';
import type { GitAdapter } from '../git/types.js';
import { compileGlobs } from '../glob.js';
import { locateFile } from '../locate.js';
import { compileMapping, type CompiledMapping } from '../mapping.js';
import { findConfigFile } from '../config/discover.js';
import { approvalMessages as m } from '../messages/approval.js';
import { architectureMessages as am } from '../messages/architecture.js';
import { readArchitecture, type Architecture } from '../architecture/reader.js';
import { designContext } from '../architecture/suspect.js';
import { DEFAULT_ARCHITECTURE } from '../architecture/gate1.js';
import { readApprovalBlock } from './block.js';
import { approvalTimestamp, removeApproval, setApproval } from './edit.js';
import { formatIdentity, identityKey, sameEmail, unsafeIdentity, type Identity } from './identity.js';

export interface PlannedEdit {
  /** Repository-relative path. */
  path: string;
  before: string;
  after: string;
  /** File mode to keep (e.g. 0o644). */
  mode: number;
  /** `signedApprovals` of the config governing it (work tree): whether the commit must be signed. */
  signed: boolean;
}

export interface Plan {
  edits: PlannedEdit[];
  /** Designs left as they are (already approved by this user, or already draft), with why. */
  unchanged: Array<{ path: string; reason: string }>;
}

interface Governed {
  config: DesignConfig;
  /** Path relative to the config's folder. */
  local: string;
}

/**
 * Expands the arguments (repository-relative files or folders) to design documents: a folder
 * stands for every design under it. Throws USAGE for a file that is not a design.
 * @example expandDesigns('/repo', ['docs/design/sessions'], files) // ['docs/design/sessions/a.md', …]
 */
export function expandDesigns(repoRoot: string, args: readonly string[], files: readonly string[]): string[] {
  const locate = locator(repoRoot);
  const isDesignPath = (path: string) => designWith(locate, path);
  const out = new Set<string>();
  for (const arg of args) {
    const clean = arg.replace(/\/+$/, '');
    const inside = files.filter((f) => clean === '' || clean === '.' || f.startsWith(`${clean}/`));
    if (files.includes(clean)) {
      if (!isDesignPath(clean)) throw new DesignGateError('USAGE', m.notADesign(clean), { fix: m.notADesignFix });
      out.add(clean);
    } else if (inside.length > 0) {
      const designs = inside.filter((f) => isDesignPath(f));
      if (designs.length === 0) throw new DesignGateError('USAGE', m.noDesignsIn(clean), { fix: m.notADesignFix });
      for (const d of designs) out.add(d);
    } else throw new DesignGateError('USAGE', m.noSuchDesign(clean), { fix: m.notADesignFix });
  }
  return [...out].sort();
}

type Locator = (path: string) => Governed & { mapping: CompiledMapping };

/** Finds the config governing a path, loading each config file once per call (a folder of a thousand designs has one config). */
function locator(repoRoot: string): Locator {
  const configs = new Map<string, { config: DesignConfig; mapping: CompiledMapping; prefix: string }>();
  return (path) => {
    const file = findConfigFile(dirname(join(repoRoot, path)), repoRoot);
    let entry = file === undefined ? undefined : configs.get(file);
    if (entry === undefined) {
      const { config, prefix } = locateFile(repoRoot, path);
      entry = { config, mapping: compileMapping(config.components), prefix };
      if (file !== undefined) configs.set(file, entry);
    }
    return { config: entry.config, mapping: entry.mapping, local: path.slice(entry.prefix.length) };
  };
}

function designWith(locate: Locator, path: string): boolean {
  let found: ReturnType<Locator>;
  try {
    found = locate(path);
  } catch (error) {
    if (isDesignGateError(error) && error.code === 'CONFIG') return false;
    throw error;
  }
  return found.local === found.config.architecture || found.mapping.fromDesign(found.local) !== undefined;
}

/** Whether the config governing `path` maps it as a design (or names it as the architecture). */
export function isDesign(repoRoot: string, path: string): boolean {
  return designWith(locator(repoRoot), path);
}

/** The approver entry of `user` in `config` that covers `local`, or a USAGE error saying why not. */
function approverFor(user: Identity, config: DesignConfig, local: string, path: string): Approver {
  const approver = config.approvers.find((a) => sameEmail(a.email, user.email));
  if (approver === undefined) throw new DesignGateError('USAGE', m.youAreNotApprover(formatIdentity(user), path), { fix: m.youAreNotApproverFix });
  if (!compileGlobs(approver.paths.length > 0 ? approver.paths : ['**'])(local)) {
    throw new DesignGateError('USAGE', m.notApproverForPath(user.email, path), { fix: m.youAreNotApproverFix });
  }
  return approver;
}

type ContextOf = (path: string, found: ReturnType<Locator>) => Promise<string | undefined>;

/**
 * The digest of the context entry a design belongs to, in the architecture as committed at HEAD
 * (what the approval commit holds); undefined without an architecture or a single owning context.
 * Each architecture is read once per call.
 */
function contextReader(git: GitAdapter): ContextOf {
  const architectures = new Map<string, Promise<Architecture | undefined>>();
  return async (path, found) => {
    const file = path.slice(0, path.length - found.local.length) + (found.config.architecture ?? DEFAULT_ARCHITECTURE);
    if (file === path) return undefined;
    let architecture = architectures.get(file);
    if (architecture === undefined) {
      architecture = git.readAt('HEAD', file).then((buf) => (buf === undefined ? undefined : readArchitecture(buf.toString('utf8'), file, 'warning').architecture));
      architectures.set(file, architecture);
    }
    const read = await architecture;
    return read === undefined ? undefined : designContext(read, found.mapping, found.local)?.digest;
  };
}

/** Reads a design from the work tree, refusing symlinks and designs whose content is not committed. */
async function readCommitted(git: GitAdapter, repoRoot: string, path: string): Promise<{ text: string; mode: number }> {
  const abs = join(repoRoot, path);
  const stat = await lstat(abs).catch(() => undefined);
  if (stat === undefined || !stat.isFile()) throw new DesignGateError('USAGE', m.noSuchDesign(path), { fix: m.notADesignFix });
  const text = await readFile(abs, 'utf8');
  const digest = designDigest(path, text);
  const [head, staged] = await Promise.all([git.readAt('HEAD', path), git.readStaged(path)]);
  if (head === undefined) throw new DesignGateError('USAGE', m.designNotCommitted(path), { fix: m.designNotCommittedFix(path) });
  const same = (buf: Buffer | undefined) => {
    if (buf === undefined) return false;
    try {
      return designDigest(path, buf.toString('utf8')) === digest;
    } catch {
      return false;
    }
  };
  if (!same(head) || !same(staged)) throw new DesignGateError('USAGE', m.uncommittedContent(path), { fix: m.designNotCommittedFix(path) });
  return { text, mode: stat.mode & 0o777 };
}

/** A design `user` may approve, as committed, with what approving it needs. */
interface ApprovableDesign {
  path: string;
  config: DesignConfig;
  text: string;
  mode: number;
  digest: string;
  block: ReturnType<typeof readApprovalBlock>;
  /** The digest of its context's entry in the architecture as committed (undefined: in no context). */
  context: () => Promise<string | undefined>;
}

type ApproverOptions = { repoRoot: string; git: GitAdapter; paths: readonly string[]; user: Identity };

/**
 * The designs of `paths` in order, each checked first: the identity is safe and `user` is an
 * approver of it (a USAGE error otherwise, before the caller has planned anything it could write).
 */
async function* approvableDesigns(options: ApproverOptions): AsyncGenerator<ApprovableDesign> {
  const { repoRoot, git, user } = options;
  const unsafe = unsafeIdentity(user);
  if (unsafe !== undefined) throw new DesignGateError('USAGE', unsafe, { fix: m.identityFix });
  const governed = locator(repoRoot);
  const contextOf = contextReader(git);
  for (const path of options.paths) {
    const found = governed(path);
    approverFor(user, found.config, found.local, path);
    const { text, mode } = await readCommitted(git, repoRoot, path);
    const block = readApprovalBlock(readFrontmatter(text, path).data);
    yield { path, config: found.config, text, mode, digest: designDigest(path, text), block, context: () => contextOf(path, found) };
  }
}

/**
 * Plans `approve`: checks the user may approve every design (nothing is written unless all pass)
 * and computes each new text. A current approval by others gains this user; a stale one is replaced.
 * @example await planApprove({ repoRoot, git, paths: ['docs/design/a.md'], user, now: new Date() })
 */
export async function planApprove(options: ApproverOptions & { now: Date }): Promise<Plan> {
  const { user, now } = options;
  const plan: Plan = { edits: [], unchanged: [] };
  for await (const d of approvableDesigns(options)) {
    const { path, text, digest, block } = d;
    const context = await d.context();
    let by: Identity[] = [user];
    if (block.kind === 'ok' && block.block.digest === digest) {
      if (block.block.by.some((i) => sameEmail(i.email, user.email))) {
        // Re-approving a suspect design brings its context up to date, as --confirm does.
        if (block.block.context === context) {
          plan.unchanged.push({ path, reason: m.alreadyApprovedByYou });
          continue;
        }
        by = block.block.by;
      } else by = [...block.block.by.filter((i, n, all) => all.findIndex((j) => identityKey(j.email) === identityKey(i.email)) === n), user];
    }
    const after = setApproval(text, path, { digest, by, at: approvalTimestamp(now), ...(context === undefined ? {} : { context }) });
    plan.edits.push({ path, before: text, after, mode: d.mode, signed: d.config.signedApprovals });
  }
  return plan;
}

/**
 * Plans `approve --confirm`: in each design approved as it stands, only `approval.context` changes,
 * to its context's entry as committed at HEAD; `digest`, `by` and `at` stay. The user must be an
 * approver for every design; a draft or stale design is left unchanged (a folder may hold some).
 * @example await planConfirm({ repoRoot, git, paths: ['docs/design/a.md'], user, now: new Date() })
 */
export async function planConfirm(options: ApproverOptions & { now: Date }): Promise<Plan> {
  const plan: Plan = { edits: [], unchanged: [] };
  for await (const d of approvableDesigns(options)) {
    const { path, text, block } = d;
    if (block.kind !== 'ok' || block.block.digest !== d.digest) {
      plan.unchanged.push({ path, reason: am.confirmNotApproved });
      continue;
    }
    const context = await d.context();
    if (context === undefined) {
      plan.unchanged.push({ path, reason: am.confirmNoContext });
      continue;
    }
    if (block.block.context === context) {
      plan.unchanged.push({ path, reason: am.confirmCurrent });
      continue;
    }
    const { digest, by, at } = block.block;
    const after = setApproval(text, path, { digest, by, at: at ?? approvalTimestamp(options.now), context });
    plan.edits.push({ path, before: text, after, mode: d.mode, signed: d.config.signedApprovals });
  }
  return plan;
}

/**
 * Plans `unapprove`: removes the approval block and sets `status: draft` in each design that has one.
 * @example await planUnapprove({ repoRoot, git, paths: ['docs/design/a.md'] })
 */
export async function planUnapprove(options: { repoRoot: string; git: GitAdapter; paths: readonly string[] }): Promise<Plan> {
  const plan: Plan = { edits: [], unchanged: [] };
  const governed = locator(options.repoRoot);
  for (const path of options.paths) {
    const { config } = governed(path);
    const { text, mode } = await readCommitted(options.git, options.repoRoot, path);
    const data = readFrontmatter(text, path).data;
    if (readApprovalBlock(data).kind === 'none' && data['status'] !== 'approved') {
      plan.unchanged.push({ path, reason: m.alreadyDraft });
      continue;
    }
    plan.edits.push({ path, before: text, after: removeApproval(text, path), mode, signed: config.signedApprovals });
  }
  return plan;
}
