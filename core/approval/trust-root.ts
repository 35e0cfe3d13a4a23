/**
 * The trust root: who may approve, with which keys, how many approvals a design needs, and whether
 * signing and self-approval are required. It is read from a trusted revision (the protected
 * branch, the base of the range), never from the change under test, so a pull request cannot
 * register its own key, switch signing off or allow self-approval for itself.
 */
import { join } from 'node:path';
import type { Approver, DesignConfig } from '../config/types.js';
import { parseConfig } from '../config/load.js';
import { compileGlobs } from '../glob.js';
import { DesignGateError, isDesignGateError } from '../errors.js';
import type { GitAdapter } from '../git/types.js';
import { buildKeyRegistry, type KeyRegistry } from '../signatures/verify.js';
import { approvalMessages as m } from '../messages/approval.js';
import { identityKey, unsafeIdentity } from './identity.js';

export interface TrustRoot {
  /** The trusted commit the root was read from. */
  rev: string;
  /** Repository-relative path of the `.designrc.json` (e.g. `.designrc.json`, `packages/a/.designrc.json`). */
  configPath: string;
  /** The config's folder relative to the repository root: '' or 'packages/a/'. */
  prefix: string;
  config: DesignConfig;
  registry: KeyRegistry;
  /** The approver registered under an email (case-insensitive), if any. */
  approver(email: string): Approver | undefined;
  /** Whether `approver` may approve the design at a repository-relative path. */
  covers(approver: Approver, repoPath: string): boolean;
}

/** Why no trust root could be read (the config is not committed at the trusted revision). */
export interface TrustRootUnavailable {
  rev: string | undefined;
  configPath: string;
  message: string;
  fix: string;
}

export interface TrustRootOptions {
  git: GitAdapter;
  /** The trusted commit id; undefined in a repository without commits. */
  rev: string | undefined;
  /** Repository-relative path of the `.designrc.json` that governs the designs in question. */
  configPath: string;
  /** Revoked keys (OpenSSH lines or fingerprints) from wherever the caller keeps them; never from the change under test. */
  revokedKeys?: readonly string[];
}

/**
 * Reads approvers, keys and switches from `configPath` as committed at `rev`. Throws
 * DesignGateError('CONFIG') when that config is invalid or an approver is a pattern, a look-alike
 * or listed twice; returns a TrustRootUnavailable when the config is not there at all.
 * @example await loadTrustRoot({ git, rev: baseOid, configPath: '.designrc.json' })
 */
export async function loadTrustRoot(options: TrustRootOptions): Promise<TrustRoot | TrustRootUnavailable> {
  const { git, rev, configPath } = options;
  if (rev === undefined) return { rev, configPath, message: m.trustRootNoHead, fix: m.trustRootNoHeadFix };
  const text = await git.readAt(rev, configPath);
  if (text === undefined) return { rev, configPath, message: m.trustRootMissing(configPath, rev), fix: m.trustRootMissingFix(configPath) };
  const prefix = configPath.includes('/') ? configPath.slice(0, configPath.lastIndexOf('/') + 1) : '';
  let config: DesignConfig;
  try {
    config = parseConfig(text.toString('utf8'), join(git.root, configPath), { displayPath: `${configPath}@${rev.slice(0, 12)}` });
  } catch (error) {
    if (isDesignGateError(error)) {
      throw new DesignGateError('CONFIG', m.trustRootInvalid(configPath, rev), { causes: error.causes, ...(error.fix === undefined ? {} : { fix: error.fix }) });
    }
    throw error;
  }
  checkApprovers(config.approvers, configPath, rev);
  let allowedSigners: { text: string; file: string } | undefined;
  if (config.allowedSignersFile !== undefined) {
    const file = prefix + config.allowedSignersFile.replace(/^\.\//, '');
    const signers = await git.readAt(rev, file);
    if (signers === undefined) {
      throw new DesignGateError('CONFIG', m.trustRootSignersMissing(file, rev), { fix: m.trustRootSignersMissingFix(file) });
    }
    allowedSigners = { text: signers.toString('utf8'), file };
  }
  const registry = await buildKeyRegistry({
    approvers: config.approvers,
    configFile: configPath,
    ...(allowedSigners === undefined ? {} : { allowedSigners }),
    ...(options.revokedKeys === undefined ? {} : { revokedKeys: options.revokedKeys }),
  });
  const byEmail = new Map(config.approvers.map((a) => [identityKey(a.email), a]));
  const matchers = new Map(config.approvers.map((a) => [a, compileGlobs(a.paths.length > 0 ? a.paths : ['**'])]));
  return {
    rev,
    configPath,
    prefix,
    config,
    registry,
    approver: (email) => byEmail.get(identityKey(email)),
    covers: (approver, repoPath) => repoPath.startsWith(prefix) && (matchers.get(approver)?.(repoPath.slice(prefix.length)) ?? false),
  };
}

/** True for a loaded root, false for an unavailable one. */
export function isTrustRoot(value: TrustRoot | TrustRootUnavailable): value is TrustRoot {
  return 'registry' in value;
}

/** Refuses approvers that do not name exactly one person unmistakably (A7, A15). */
function checkApprovers(approvers: readonly Approver[], configPath: string, rev: string): void {
  const seen = new Set<string>();
  const causes = [];
  for (const approver of approvers) {
    if (/[*?]/.test(approver.email)) causes.push({ file: configPath, message: m.trustRootWildcard(approver.email) });
    else {
      const unsafe = unsafeIdentity(approver);
      if (unsafe !== undefined) causes.push({ file: configPath, message: m.trustRootUnsafeApprover(unsafe) });
    }
    const key = identityKey(approver.email);
    if (seen.has(key)) causes.push({ file: configPath, message: m.trustRootDuplicateApprover(approver.email) });
    seen.add(key);
  }
  if (causes.length > 0) throw new DesignGateError('CONFIG', m.trustRootInvalid(configPath, rev), { causes, fix: m.trustRootFix });
}
