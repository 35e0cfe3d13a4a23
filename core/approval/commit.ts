/**
 * Writes planned edits, stages exactly those files and commits exactly those files, with git
 * doing the signing (`git commit -S`, the user's own SSH or OpenPGP setup) and the trailer
 * (`--trailer`). Nothing else in the index or the work tree changes: other staged files stay
 * staged and out of the commit (`git commit -- <paths>`). If anything fails after the first write,
 * the files and their index entries are put back as they were, so no work is lost.
 */
import { access } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { homedir } from 'node:os';
import { DesignGateError } from '../errors.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { approvalMessages as m } from '../messages/approval.js';
import type { PlannedEdit } from './plan.js';
import type { Identity } from './identity.js';

export interface GitRun {
  /** The repository's top level: git runs here, and paths are relative to it. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CommitRequest {
  subject: string;
  body?: string;
  /** e.g. `Approved-by: Jane Doe <jane@example.com>` */
  trailer?: string;
  /** Pass `-S` (sign with the user's configured key). */
  sign: boolean;
}

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

function git(run: GitRun, args: readonly string[], input?: string): Promise<Output> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['--literal-pathspecs', ...args], { cwd: run.cwd, env: run.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', (error) => reject(new DesignGateError('GIT', m.gitFailed(args[0] ?? 'git', error.message), { fix: m.gitFailedFix, cause: error })));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

async function config(run: GitRun, key: string): Promise<string | undefined> {
  const out = await git(run, ['config', '--get', key]);
  const value = out.stdout.trim();
  return out.code === 0 && value !== '' ? value : undefined;
}

/**
 * The current git user from `git config user.name` / `user.email`; throws USAGE with the fix
 * when either is unset.
 */
export async function currentUser(run: GitRun): Promise<Identity> {
  const [name, email] = await Promise.all([config(run, 'user.name'), config(run, 'user.email')]);
  if (name === undefined || email === undefined) throw new DesignGateError('USAGE', m.noGitUser, { fix: m.noGitUserFix });
  return { name, email };
}

/**
 * Checks, before anything is written, that `git commit -S` can sign: an SSH setup needs
 * `user.signingkey` (a key file that exists, or a `key::` literal) or `gpg.ssh.defaultKeyCommand`;
 * an OpenPGP setup needs `user.signingkey` or a secret key for the user's email in gpg.
 */
export async function checkSigningSetup(run: GitRun, user: Identity): Promise<void> {
  const format = (await config(run, 'gpg.format')) ?? 'openpgp';
  const key = await config(run, 'user.signingkey');
  if (format === 'ssh') {
    if (key === undefined) {
      if ((await config(run, 'gpg.ssh.defaultKeyCommand')) !== undefined) return;
      throw new DesignGateError('USAGE', m.noSigningKey('ssh'), { fix: m.noSigningKeyFix });
    }
    if (key.startsWith('key::') || /^(ssh-|ecdsa-|sk-)/.test(key)) return;
    const file = key.startsWith('~/') ? join(homedir(), key.slice(2)) : isAbsolute(key) ? key : join(run.cwd, key);
    try {
      await access(file);
    } catch {
      throw new DesignGateError('USAGE', m.signingKeyMissing(key), { fix: m.noSigningKeyFix });
    }
    return;
  }
  if (format === 'openpgp' && key === undefined) {
    const program = (await config(run, 'gpg.openpgp.program')) ?? (await config(run, 'gpg.program')) ?? 'gpg';
    const found = await new Promise<boolean>((resolve) => {
      const child = spawn(program, ['--batch', '--list-secret-keys', `<${user.email}>`], { env: run.env, stdio: 'ignore' });
      child.on('error', () => resolve(false));
      child.on('close', (code) => resolve(code === 0));
    });
    if (!found) throw new DesignGateError('USAGE', m.noSigningKey('openpgp'), { fix: m.noSigningKeyFix });
  }
}

/** An index entry as `git ls-files -s` prints it, or absent. */
async function indexEntries(run: GitRun, paths: readonly string[]): Promise<Map<string, string>> {
  const out = await git(run, ['ls-files', '-s', '-z', '--', ...paths]);
  if (out.code !== 0) throw new DesignGateError('GIT', m.gitFailed('ls-files', out.stderr.trim()), { fix: m.gitFailedFix });
  const entries = new Map<string, string>();
  for (const record of out.stdout.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab > 0) entries.set(record.slice(tab + 1), record.slice(0, tab));
  }
  return entries;
}

/** Puts files and their index entries back as they were before `applyEdits` began. */
async function restore(run: GitRun, edits: readonly PlannedEdit[], written: number, entries: Map<string, string>): Promise<void> {
  for (const edit of edits.slice(0, written)) {
    await writeFileAtomic(join(run.cwd, edit.path), edit.before, { overwrite: true, mode: edit.mode });
  }
  const lines = edits.map((e) => {
    const entry = entries.get(e.path);
    // `0 <zero id>\t<path>` removes a path that was not in the index.
    return `${entry ?? `0 ${'0'.repeat(40)}`}\t${e.path}\0`;
  });
  await git(run, ['update-index', '-z', '--index-info'], lines.join(''));
}

/**
 * Writes each edit atomically, stages exactly those files and, with a `commit` request, commits
 * exactly those files. Returns the new commit id (undefined with no commit request). On failure
 * the files and the index are restored and a GIT error carries git's own words.
 * @example await applyEdits(run, plan.edits, { subject: 'Approve docs/design/a.md', trailer: 'Approved-by: Jane <jane@x.org>', sign: true })
 */
export async function applyEdits(run: GitRun, edits: readonly PlannedEdit[], commit: CommitRequest | undefined): Promise<string | undefined> {
  const paths = edits.map((e) => e.path);
  const entries = await indexEntries(run, paths);
  let written = 0;
  try {
    for (const edit of edits) {
      await writeFileAtomic(join(run.cwd, edit.path), edit.after, { overwrite: true, mode: edit.mode });
      written++;
    }
    const add = await git(run, ['add', '--', ...paths]);
    if (add.code !== 0) throw new DesignGateError('GIT', m.gitFailed('add', firstLine(add.stderr)), { fix: m.gitFailedFix });
    if (commit === undefined) return undefined;
    const args = ['commit', '--quiet', ...(commit.sign ? ['-S'] : []), '-m', commit.subject];
    if (commit.body !== undefined) args.push('-m', commit.body);
    if (commit.trailer !== undefined) args.push('--trailer', commit.trailer);
    const done = await git(run, [...args, '--', ...paths]);
    if (done.code !== 0) throw new DesignGateError('GIT', m.commitFailed(firstLine(done.stderr) || firstLine(done.stdout)), { fix: m.commitFailedFix });
    const head = await git(run, ['rev-parse', 'HEAD']);
    return head.stdout.trim();
  } catch (error) {
    await restore(run, edits, written, entries);
    throw error;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n').filter((l) => l.trim() !== '').slice(-3).join(' / ');
}
