/**
 * Shared fixtures for the approval tests: real repositories, real SSH keys (ssh-keygen) and real
 * OpenPGP keys (gpg in a private GNUPGHOME), commits signed by git itself, and one call that runs
 * the approval check the way `check` and `verify` do.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, makeRepo, makeTempDir, writeTree, type TempRepo, type Tree } from '../../helpers/repo.js';
import { openGit } from '../../../core/git/index.js';
import { loadTrustRoot } from '../../../core/approval/trust-root.js';
import { checkApprovals, type ApprovalCheckResult, type ApprovalVerdict } from '../../../core/approval/check.js';
import { setApproval, approvalTimestamp } from '../../../core/approval/edit.js';
import { designDigest } from '../../../core/digest.js';
import type { Identity } from '../../../core/approval/identity.js';

export interface Person extends Identity {
  /** Private key file for SSH signing. */
  key: string;
  /** `ssh-ed25519 AAAA… comment` */
  publicKey: string;
}

const keyDir = makeTempDir('designgate-keys-');
/** The user cache folder the tests hand to the check: it holds the evidence cache's key. */
export const cacheKeyDir = makeTempDir('designgate-cachekey-');
const gpgHomes: string[] = [];

// Keys, key folders and the gpg agents gpg started for them go when the test process ends.
process.on('exit', () => {
  for (const home of gpgHomes) {
    try {
      execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore' });
    } catch {
      // No agent was started.
    }
  }
  for (const dir of [keyDir, cacheKeyDir, ...gpgHomes]) rmSync(dir, { recursive: true, force: true });
});

/** A fresh ed25519 key pair made by ssh-keygen. */
export function sshKey(name: string): { key: string; publicKey: string } {
  const key = join(keyDir, `${name}-${Math.random().toString(36).slice(2)}`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  return { key, publicKey: readFileSync(`${key}.pub`, 'utf8').trim() };
}

export function person(name: string, email: string): Person {
  return { name, email, ...sshKey(email.split('@')[0] ?? name) };
}

export const alice = person('Alice Liddell', 'alice@x.org');
export const bob = person('Bob Builder', 'bob@x.org');
export const carol = person('Carol Danvers', 'carol@x.org');

export const DESIGN = 'docs/design/d.md';

export function designText(body = 'The orchestrator runs sessions.', extra = ''): string {
  return `---\ntype: module\nstatus: draft\nstories: [US-1]\n${extra}---\n\n## Purpose\n\n${body}\n`;
}

export interface ConfigOptions {
  approvers?: Array<{ person: Identity & { publicKey?: string }; paths?: string[]; keys?: string[] }>;
  signedApprovals?: boolean;
  requiredApprovals?: number;
  allowSelfApproval?: boolean;
  allowedSignersFile?: string;
}

export function configText(options: ConfigOptions = {}): string {
  const approvers = (options.approvers ?? [{ person: alice }, { person: bob }, { person: carol }]).map((a) => ({
    name: a.person.name,
    email: a.person.email,
    keys: a.keys ?? (a.person.publicKey === undefined ? [] : [a.person.publicKey]),
    ...(a.paths === undefined ? {} : { paths: a.paths }),
  }));
  return `${JSON.stringify(
    {
      components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }],
      approvers,
      signedApprovals: options.signedApprovals ?? true,
      requiredApprovals: options.requiredApprovals ?? 1,
      allowSelfApproval: options.allowSelfApproval ?? false,
      ...(options.allowedSignersFile === undefined ? {} : { allowedSignersFile: options.allowedSignersFile }),
      gates: { approval: 'error', completeness: 'off', architecture: 'off' },
    },
    null,
    2,
  )}\n`;
}

export interface CommitOptions {
  /** Who authors (and, unless `committer`, commits). */
  author: Identity;
  committer?: Identity;
  /** SSH key to sign with (`git commit -S`, gpg.format ssh). */
  signWith?: { key: string } | undefined;
  /** OpenPGP signing: the GNUPGHOME and key id. */
  gpg?: { home: string; keyId: string };
  message?: string;
  trailers?: string[];
  /** e.g. `2020-01-01T00:00:00Z` for GIT_COMMITTER_DATE and GIT_AUTHOR_DATE. */
  date?: string;
  /** Extra args (e.g. `--amend`). */
  args?: string[];
}

/** Runs git in the repository with a person's identity and an optional signing setup. */
export function gitAs(repo: TempRepo, options: Omit<CommitOptions, 'message' | 'trailers'>, ...args: string[]): string {
  const committer = options.committer ?? options.author;
  const env = gitEnv({
    GIT_AUTHOR_NAME: options.author.name,
    GIT_AUTHOR_EMAIL: options.author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    ...(options.date === undefined ? {} : { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date }),
    ...(options.gpg === undefined ? {} : { GNUPGHOME: options.gpg.home }),
  });
  const config: string[] = [];
  if (options.signWith !== undefined) config.push('-c', 'gpg.format=ssh', '-c', `user.signingkey=${options.signWith.key}`);
  if (options.gpg !== undefined) config.push('-c', 'gpg.format=openpgp', '-c', `user.signingkey=${options.gpg.keyId}`);
  return execFileSync('git', [...config, ...args], { cwd: repo.dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Writes `tree`, stages exactly its paths and commits; returns the commit id. */
export function commitAs(repo: TempRepo, tree: Tree, options: CommitOptions): string {
  writeTree(repo.dir, tree);
  const paths = Object.keys(tree);
  if (paths.length > 0) repo.git('add', '-A', '--', ...paths);
  const args = ['commit', '-q', '--allow-empty', '-m', options.message ?? 'change'];
  if (options.trailers !== undefined && options.trailers.length > 0) args.push('-m', options.trailers.join('\n'));
  if (options.signWith !== undefined || options.gpg !== undefined) args.push('-S');
  args.push(...(options.args ?? []));
  gitAs(repo, options, ...args);
  return repo.git('rev-parse', 'HEAD').trim();
}

/** The design text with an approval block by `by` for its current digest. */
export function approvedText(text: string, by: Identity[], path = DESIGN, at = new Date('2026-01-02T03:04:05Z')): string {
  return setApproval(text, path, { digest: designDigest(path, text), by, at: approvalTimestamp(at) });
}

/** The approval commit by `approver`, signed with their key (or `signWith`), changing only the approval block. */
export function approveAs(repo: TempRepo, approver: Person, options: Partial<CommitOptions> & { by?: Identity[]; path?: string } = {}): string {
  const path = options.path ?? DESIGN;
  const text = readFileSync(join(repo.dir, path), 'utf8');
  const by = options.by ?? [approver];
  return commitAs(repo, { [path]: approvedText(text, by, path) }, {
    author: approver,
    signWith: approver,
    message: `Approve ${path}`,
    trailers: by.map((p) => `Approved-by: ${p.name} <${p.email}>`),
    ...options,
  });
}

/**
 * A repository whose first commit (tagged `base`, the trusted revision) holds the config, and whose
 * second holds the design written by `designAuthor` (Alice unless given).
 */
export function approvalRepo(options: ConfigOptions & { designAuthor?: Identity; design?: string; extra?: Tree } = {}): TempRepo {
  const repo = makeRepo();
  commitAs(repo, { '.designrc.json': configText(options), ...(options.extra ?? {}) }, { author: alice, message: 'config' });
  repo.git('tag', 'base');
  commitAs(repo, { [DESIGN]: options.design ?? designText(), 'src/d.ts': 'export {};\n' }, { author: options.designAuthor ?? alice, message: 'design' });
  return repo;
}

export interface RunCheckOptions {
  /** The trusted revision (default: the `base` tag). */
  base?: string;
  head?: string;
  /** Where the design text comes from: the work tree (default), the index, or the head commit. */
  from?: 'worktree' | 'index' | 'head';
  paths?: string[];
  now?: Date;
  cache?: boolean;
  /** Revoked keys handed to the trust root. */
  revokedKeys?: string[];
}

/** Runs the approval check like `check`/`verify`; returns the verdict of the first path and the whole result. */
export async function runCheck(repo: TempRepo, options: RunCheckOptions = {}): Promise<{ verdict: ApprovalVerdict; result: ApprovalCheckResult }> {
  const env = gitEnv();
  const git = await openGit({ cwd: repo.dir, env });
  try {
    const base = await git.resolve(options.base ?? 'base');
    const head = await git.resolve(options.head ?? 'HEAD');
    const trust = await loadTrustRoot({ git, rev: base, configPath: '.designrc.json', ...(options.revokedKeys === undefined ? {} : { revokedKeys: options.revokedKeys }) });
    const paths = options.paths ?? [DESIGN];
    const designs = await Promise.all(
      paths.map(async (path) => {
        let text: string | undefined;
        if ((options.from ?? 'worktree') === 'worktree') {
          try {
            text = readFileSync(join(repo.dir, path), 'utf8');
          } catch {
            text = undefined;
          }
        } else if (options.from === 'index') text = (await git.readStaged(path))?.toString('utf8');
        else text = (await git.readAt(head ?? 'HEAD', path))?.toString('utf8');
        return { path, text, trust };
      }),
    );
    const result = await checkApprovals({
      ctx: { cwd: repo.dir, env },
      git,
      head,
      designs,
      isDesign: (p) => p.startsWith('docs/design/') && p.endsWith('.md'),
      scopes: ['docs/design'],
      now: options.now ?? new Date(),
      ...(options.cache === false ? {} : { cacheKeyDir }),
    });
    const verdict = result.verdicts.find((v) => v.file === paths[0]);
    if (verdict === undefined) throw new Error('no verdict');
    return { verdict, result };
  } finally {
    await git.close();
  }
}

/** A private GNUPGHOME with one ed25519 signing key for `who`; returns the home, key id and armored public key. */
export function gpgKey(who: Identity): { home: string; keyId: string; publicKey: string } {
  const home = makeTempDir('designgate-gpg-');
  gpgHomes.push(home);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  writeFileSync(join(home, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
  const gpg = (...args: string[]) => execFileSync('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  gpg('--quick-gen-key', `${who.name} <${who.email}>`, 'ed25519', 'sign', 'never');
  const colons = gpg('--list-secret-keys', '--with-colons', who.email);
  const keyId = /^fpr:+([0-9A-F]+):/m.exec(colons)?.[1];
  if (keyId === undefined) throw new Error('gpg made no key');
  return { home, keyId, publicKey: gpg('--armor', '--export', keyId) };
}

// ---- for the approve/unapprove command tests ----

export const SIGNERS = '.designgate/allowed_signers';

/** A repository whose approvers' keys live in an allowed-signers file, with `me` as the git user signing by SSH. */
export function sshRepo(me: Person, options: { requiredApprovals?: number; signedApprovals?: boolean; designAuthor?: Person } = {}): TempRepo {
  const signers = [alice, bob, carol].map((p) => `${p.email} ${p.publicKey}`).join('\n');
  const repo = approvalRepo({
    approvers: [alice, bob, carol].map((p) => ({ person: { name: p.name, email: p.email } })),
    allowedSignersFile: SIGNERS,
    extra: { [SIGNERS]: `${signers}\n` },
    ...(options.requiredApprovals === undefined ? {} : { requiredApprovals: options.requiredApprovals }),
    ...(options.signedApprovals === undefined ? {} : { signedApprovals: options.signedApprovals }),
    ...(options.designAuthor === undefined ? {} : { designAuthor: options.designAuthor }),
  });
  useIdentity(repo, me);
  return repo;
}

/** Makes `me` the git user of the repository, signing by SSH with their key (git verifies against the allowed-signers file). */
export function useIdentity(repo: TempRepo, me: Person): void {
  repo.git('config', 'user.name', me.name);
  repo.git('config', 'user.email', me.email);
  repo.git('config', 'gpg.format', 'ssh');
  repo.git('config', 'user.signingkey', me.key);
  repo.git('config', 'gpg.ssh.allowedSignersFile', join(repo.dir, SIGNERS));
}

/** Everything `approve` must leave alone on failure: index entries, status, and file bytes. */
export function snapshot(repo: TempRepo): string {
  const files = repo.git('ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  const bytes = files.map((f) => {
    try {
      return `${f}:${readFileSync(join(repo.dir, f)).toString('base64')}`;
    } catch {
      return `${f}:-`;
    }
  });
  return [repo.git('rev-parse', 'HEAD'), repo.git('ls-files', '-s'), repo.git('status', '--porcelain=v1', '-uall'), ...bytes].join('\n');
}
