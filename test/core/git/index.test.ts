/**
 * The acceptance test of the git adapter: real repositories, every operation through both backends,
 * asserted equal (and against known facts, so two equally wrong answers cannot pass).
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openGit } from '../../../core/git/index.js';
import type { GitAdapter } from '../../../core/git/types.js';
import { DesignGateError } from '../../../core/errors.js';
import { gitEnv, writeTree, type TempRepo, scratch } from '../../helpers/repo.js';
import { snapshot } from './fixtures/snapshot.js';

const { tempDir, repo } = scratch();

function gitIn(dir: string, args: string[], extra: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd: dir, env: gitEnv(extra), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function withBoth<T>(cwd: string, env: NodeJS.ProcessEnv, fn: (git: GitAdapter) => Promise<T>): Promise<{ cli: T; iso: T }> {
  const run = async (backend: 'cli' | 'isomorphic'): Promise<T> => {
    const git = await openGit({ cwd, env, backend });
    assert.equal(git.backend, backend);
    try {
      return await fn(git);
    } finally {
      await git.close();
    }
  };
  return { cli: await run('cli'), iso: await run('isomorphic') };
}

/** Both backends' full snapshots, asserted equal; returns the (common) snapshot. */
async function sameSnapshot(cwd: string, revs: string[] = [], env: NodeJS.ProcessEnv = gitEnv()): Promise<Record<string, any>> {
  const { cli, iso } = await withBoth(cwd, env, (git) => snapshot(git, revs));
  assert.deepEqual(iso, cli);
  return cli;
}

/** A repository with history worth comparing: dirs, spaces, non-ASCII names, renames, deletions, a symlink, an exec bit. */
function historyRepo(): { r: TempRepo; commits: string[] } {
  const r = repo({
    'README.md': '# readme\n',
    'src/a.ts': 'export const a = 1;\n',
    'src/b.ts': 'export const b = 2;\n',
    'src/same-1.txt': 'same\n',
    'src/same-2.txt': 'same\n',
    'docs/naïve file.md': 'non-ASCII name with a space\n',
    'empty.txt': '',
    'run.sh': '#!/bin/sh\necho hi\n',
  });
  const commits = [r.git('rev-parse', 'HEAD').trim()];
  mkdirSync(join(r.dir, 'lib'));
  r.git('mv', 'src/a.ts', 'lib/a.ts'); // exact rename
  r.git('rm', '-q', 'src/b.ts');
  commits.push(r.commit({ 'src/c.ts': 'export const c = 3;\n' }, 'rename a, delete b, add c'));
  r.git('mv', 'src/c.ts', 'src/c2.ts');
  commits.push(r.commit({ 'src/c2.ts': 'export const c = 33;\n', 'README.md': '# readme\n\nmore\n' }, 'rename and edit c'));
  symlinkSync('README.md', join(r.dir, 'link'));
  chmodSync(join(r.dir, 'run.sh'), 0o755);
  r.git('rm', '-q', 'src/same-1.txt', 'src/same-2.txt');
  commits.push(r.commit({ 'moved/same-2.txt': 'same\n', 'other/x.txt': 'same\n' }, 'symlink, exec bit, identical-content renames'));
  r.git('tag', '-a', 'v1', '-m', 'release 1');
  r.git('tag', 'light', commits[1]!);
  return { r, commits };
}

describe('differential: git CLI and isomorphic-git agree', () => {
  test('packed history with renames, deletions, tags and a staged change', async () => {
    const { r, commits } = historyRepo();
    r.git('gc', '-q');
    assert.ok(readdirSync(join(r.dir, '.git/objects/pack')).some((f) => f.endsWith('.pack')));
    assert.ok(existsSync(join(r.dir, '.git/packed-refs')));
    // Stage a modification, an addition, a deletion and an exact rename; leave an unstaged edit.
    r.write({ 'README.md': '# staged\n', 'new.txt': 'new\n' });
    r.git('add', 'README.md', 'new.txt');
    r.git('mv', 'docs/naïve file.md', 'docs/renamed file.md');
    r.git('rm', '-q', 'empty.txt');
    r.write({ 'run.sh': 'unstaged\n' });

    const short = commits[2]!.slice(0, 7);
    const snap = await sameSnapshot(r.dir, ['HEAD', 'HEAD~1', 'HEAD^', 'HEAD~3', 'HEAD~9', 'main', 'refs/heads/main', 'v1', 'v1^{commit}', 'light', short, 'nope', '@']);
    assert.deepEqual(snap.staged.changes, [
      { status: 'M', path: 'README.md', oid: r.git('rev-parse', ':README.md').trim() },
      { status: 'R', path: 'docs/renamed file.md', oldPath: 'docs/naïve file.md', oid: r.git('rev-parse', ':docs/renamed file.md').trim() },
      { status: 'D', path: 'empty.txt' },
      { status: 'A', path: 'new.txt', oid: r.git('rev-parse', ':new.txt').trim() },
    ]);
    assert.equal(Buffer.from(snap.staged.contents['README.md'], 'base64').toString(), '# staged\n');
    assert.deepEqual(snap.history, commits);
    assert.equal(snap.resolved['v1'], commits[3]);
    assert.equal(snap.resolved['HEAD~3'], commits[0]);
    assert.equal(snap.resolved[short], commits[2]);
    assert.equal(snap.resolved['HEAD~9'], null);
    assert.equal(snap.resolved['nope'], null);
    assert.deepEqual(snap.commits[1].changes.map((c: any) => [c.status, c.path, c.oldPath]), [
      ['R', 'lib/a.ts', 'src/a.ts'],
      ['D', 'src/b.ts', undefined],
      ['A', 'src/c.ts', undefined],
    ]);
    // An edited rename is a deletion plus an addition (exact renames only).
    assert.deepEqual(snap.commits[2].changes.map((c: any) => [c.status, c.path]), [['M', 'README.md'], ['D', 'src/c.ts'], ['A', 'src/c2.ts']]);
    // Identical content: the source with the same basename wins, as in git's find_exact_renames.
    assert.deepEqual(snap.commits[3].changes.map((c: any) => [c.status, c.path, c.oldPath]), [
      ['A', 'link', undefined],
      ['R', 'moved/same-2.txt', 'src/same-2.txt'],
      ['R', 'other/x.txt', 'src/same-1.txt'],
      ['M', 'run.sh', undefined],
    ]);
  });

  test('a revision range and parse of other revision forms', async () => {
    const { r, commits } = historyRepo();
    const ranges = await withBoth(r.dir, gitEnv(), async (git) => ({
      range: await git.revList('HEAD', commits[1]),
      tagRange: await git.revList('v1', 'light'),
      dirAt: await git.readAt('HEAD', 'src'),
      linkAt: (await git.readAt('HEAD', 'link'))?.toString(),
      blob: (await git.readBlob(r.git('rev-parse', 'HEAD:src/c2.ts').trim())).toString(),
    }));
    assert.deepEqual(ranges.iso, ranges.cli);
    assert.deepEqual(ranges.cli.range, commits.slice(2));
    assert.deepEqual(ranges.cli.tagRange, commits.slice(2));
    assert.equal(ranges.cli.dirAt, undefined);
    assert.equal(ranges.cli.linkAt, 'README.md');
    assert.equal(ranges.cli.blob, 'export const c = 33;\n');
  });

  test('a linked worktree, opened from inside it and from a subfolder', async () => {
    const { r } = historyRepo();
    r.git('gc', '-q'); // refs packed in the common dir
    const wt = join(tempDir(), 'wt');
    r.git('worktree', 'add', '-q', '-b', 'feature', wt);
    writeTree(wt, { 'src/feature.ts': 'export const f = 1;\n' });
    gitIn(wt, ['add', '-A']);
    gitIn(wt, ['commit', '-q', '-m', 'feature work']);
    writeTree(wt, { 'src/staged-in-wt.ts': 'staged\n' });
    gitIn(wt, ['add', 'src/staged-in-wt.ts']);
    const featureHead = gitIn(wt, ['rev-parse', 'HEAD']).trim();

    for (const cwd of [wt, join(wt, 'src')]) {
      const snap = await sameSnapshot(cwd, ['HEAD', 'main', 'feature', 'HEAD~1']);
      assert.equal(snap.root, wt);
      assert.equal(snap.head, featureHead);
      assert.deepEqual(snap.staged.changes.map((c: any) => c.path), ['src/staged-in-wt.ts']);
      assert.equal(snap.resolved['main'], r.git('rev-parse', 'main').trim());
    }
    // The main work tree still sees its own HEAD and index.
    const main = await sameSnapshot(r.dir);
    assert.deepEqual(main.staged.changes, []);
    assert.equal(main.head, r.git('rev-parse', 'main').trim());
  });

  test('a partially staged file: readStaged returns the index version, not the work tree', async () => {
    const r = repo({ 'a.txt': 'v1\n' });
    r.write({ 'a.txt': 'v2\n' });
    r.git('add', 'a.txt');
    r.write({ 'a.txt': 'v3\n' });
    const seen = await withBoth(r.dir, gitEnv(), async (git) => ({
      staged: (await git.readStaged('a.txt'))?.toString(),
      head: (await git.readAt('HEAD', 'a.txt'))?.toString(),
    }));
    assert.deepEqual(seen.cli, { staged: 'v2\n', head: 'v1\n' });
    assert.deepEqual(seen.iso, seen.cli);
    await sameSnapshot(r.dir);
  });

  test('GIT_DIR and GIT_WORK_TREE, and a relative GIT_INDEX_FILE from a subfolder', async () => {
    const r = repo({ 'a.txt': 'a\n', 'sub/b.txt': 'b\n' });
    r.write({ 'c.txt': 'c\n' });
    r.git('add', 'c.txt');
    // A second index holding a different staged set; relative, so git reads it from the top level.
    execFileSync('git', ['add', 'sub/b.txt'], { cwd: r.dir, env: gitEnv({ GIT_INDEX_FILE: '.git/other-index' }) });
    writeTree(r.dir, { 'sub/b.txt': 'b2\n' });
    execFileSync('git', ['read-tree', 'HEAD'], { cwd: r.dir, env: gitEnv({ GIT_INDEX_FILE: '.git/other-index' }) });
    execFileSync('git', ['add', 'sub/b.txt'], { cwd: r.dir, env: gitEnv({ GIT_INDEX_FILE: '.git/other-index' }) });

    const other = await sameSnapshot(join(r.dir, 'sub'), [], gitEnv({ GIT_INDEX_FILE: '.git/other-index' }));
    assert.deepEqual(other.staged.changes.map((c: any) => c.path), ['sub/b.txt']);
    const elsewhere = tempDir();
    const explicit = await sameSnapshot(elsewhere, [], gitEnv({ GIT_DIR: join(r.dir, '.git'), GIT_WORK_TREE: r.dir }));
    assert.equal(explicit.root, r.dir);
    assert.deepEqual(explicit.staged.changes.map((c: any) => c.path), ['c.txt']);
  });

  test('type changes, renames with an exec bit, empty files, submodule entries, byte order of paths', async () => {
    const r = repo({ 'kind.txt': 'k\n', 'tool.sh': 'tool\n', 'e1': '', 'e2': '', '\uFF01.txt': 'fw\n' });
    const head = r.git('rev-parse', 'HEAD').trim();
    r.git('rm', '-q', 'kind.txt', 'tool.sh', 'e1');
    symlinkSync('target', join(r.dir, 'kind.txt'));
    r.write({ 'bin/tool.sh': 'tool\n', 'moved-empty': '', '\u{1F600}.txt': 'emoji\n' });
    chmodSync(join(r.dir, 'bin/tool.sh'), 0o755);
    r.git('add', '-A');
    r.git('update-index', '--add', '--cacheinfo', `160000,${head},vendor/sub`);
    const snap = await sameSnapshot(r.dir);
    assert.deepEqual(snap.staged.changes.map((c: any) => [c.status, c.path, c.oldPath]), [
      ['R', 'bin/tool.sh', 'tool.sh'],
      ['T', 'kind.txt', undefined],
      ['R', 'moved-empty', 'e1'],
      ['A', 'vendor/sub', undefined],
      ['A', '\u{1F600}.txt', undefined],
    ]);
    r.git('commit', '-q', '-m', 'kinds');
    const committed = await sameSnapshot(r.dir);
    assert.deepEqual(committed.commits[1].changes, snap.staged.changes);
    assert.deepEqual(committed.headFiles, r.git('ls-tree', '-r', '-z', '--name-only', 'HEAD').split('\0').filter(Boolean));
  });

  test('a shallow clone: the boundary commit is a root for revList and commitChanges', async () => {
    const { r, commits } = historyRepo();
    const clone = join(tempDir(), 'clone');
    gitIn(r.dir, ['clone', '-q', '--depth', '2', `file://${r.dir}`, clone]);
    const snap = await sameSnapshot(clone);
    assert.deepEqual(snap.history, commits.slice(2));
    assert.deepEqual(snap.commits[0].parents, [commits[1]], 'the object still names its unfetched parent');
    assert.ok(snap.commits[0].changes.every((c: any) => c.status === 'A'));
    assert.deepEqual(snap.commits[0].changes.map((c: any) => c.path), gitIn(clone, ['ls-tree', '-r', '-z', '--name-only', commits[2]!]).split('\0').filter(Boolean));
  });

  test('a repository with no commit yet: everything staged is an addition', async () => {
    const r = repo({ 'a.txt': 'a\n', 'dir/b.txt': 'b\n' }, { initialCommit: false });
    r.git('add', '-A');
    const snap = await sameSnapshot(r.dir, ['HEAD']);
    assert.equal(snap.head, null);
    assert.deepEqual(snap.staged.changes.map((c: any) => [c.status, c.path]), [['A', 'a.txt'], ['A', 'dir/b.txt']]);
  });
});

describe('differential: inside real hooks (git sets GIT_INDEX_FILE)', () => {
  const probe = fileURLToPath(new URL('./fixtures/hook-probe.ts', import.meta.url));
  const tsx = import.meta.resolve('tsx');

  function installProbe(r: TempRepo): string {
    const out = join(tempDir(), 'probe.json');
    const hook = join(r.dir, '.git/hooks/pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec '${process.execPath}' --import '${tsx}' '${probe}' '${out}'\n`);
    chmodSync(hook, 0o755);
    return out;
  }

  test('`git commit -a`: the hook sees the temporary index, in both backends', () => {
    const r = repo({ 'a.txt': 'a1\n', 'b.txt': 'b1\n' });
    const out = installProbe(r);
    r.write({ 'a.txt': 'a2\n' }); // modified, not staged: only `commit -a` stages it
    r.git('commit', '-q', '-a', '-m', 'all');
    const seen = JSON.parse(readFileSync(out, 'utf8'));
    assert.match(seen.env.GIT_INDEX_FILE, /index\.lock$/);
    assert.deepEqual(seen.iso, seen.cli);
    assert.deepEqual(seen.cli.changes.map((c: any) => c.path), ['a.txt']);
    assert.equal(Buffer.from(seen.cli.contents['a.txt'], 'base64').toString(), 'a2\n');
    // Reading .git/index instead would have seen nothing staged: the trap the mapping avoids.
    assert.deepEqual(seen.isoIgnoringIndexFile.changes, []);
  });

  test('`git commit <path>`: the hook sees next-index-*.lock, not the other staged files', () => {
    const r = repo({ 'a.txt': 'a1\n', 'b.txt': 'b1\n' });
    const out = installProbe(r);
    r.write({ 'a.txt': 'a2\n', 'b.txt': 'b2\n' });
    r.git('add', 'b.txt'); // staged in .git/index, but not part of this commit
    r.git('commit', '-q', 'a.txt', '-m', 'only a');
    const seen = JSON.parse(readFileSync(out, 'utf8'));
    assert.match(seen.env.GIT_INDEX_FILE, /next-index-.*\.lock$/);
    assert.deepEqual(seen.iso, seen.cli);
    assert.deepEqual(seen.cli.changes.map((c: any) => c.path), ['a.txt']);
    assert.notDeepEqual(seen.isoIgnoringIndexFile.changes.map((c: any) => c.path), ['a.txt']);
  });
});

const hasSshKeygen = spawnSync('ssh-keygen', ['-?'], { stdio: 'ignore' }).error === undefined;

describe('differential: commits', () => {
  test('an SSH-signed commit: signedPayload verifies with ssh-keygen -Y verify for both backends', { skip: !hasSshKeygen && 'ssh-keygen is not installed' }, async () => {
    const r = repo({ 'a.txt': 'a\n' });
    const keys = tempDir();
    const key = join(keys, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', key]);
    writeFileSync(join(keys, 'allowed_signers'), `author@example.com namespaces="git" ${readFileSync(`${key}.pub`, 'utf8')}`);
    r.write({ 'a.txt': 'signed\n' });
    r.git('add', 'a.txt');
    r.git('-c', 'gpg.format=ssh', '-c', `user.signingkey=${key}`, 'commit', '-q', '-S', '-m', 'signed commit\n\nApproved-by: Test Author <author@example.com>');
    const oid = r.git('rev-parse', 'HEAD').trim();
    const { cli, iso } = await withBoth(r.dir, gitEnv(), (git) => git.readCommit(oid));
    assert.deepEqual(iso, cli);
    assert.match(cli.signature ?? '', /^-----BEGIN SSH SIGNATURE-----\n[^]*-----END SSH SIGNATURE-----\n$/);
    const verify = (payload: Buffer, signature: string): number => {
      writeFileSync(join(keys, 'sig'), signature);
      return spawnSync('ssh-keygen', ['-Y', 'verify', '-f', join(keys, 'allowed_signers'), '-I', 'author@example.com', '-n', 'git', '-s', join(keys, 'sig')], { input: payload }).status ?? -1;
    };
    for (const commit of [cli, iso]) assert.equal(verify(commit.signedPayload, commit.signature!), 0);
    // The check is not vacuous: one changed byte fails.
    assert.notEqual(verify(Buffer.concat([cli.signedPayload, Buffer.from('x')]), cli.signature!), 0);
    // git itself agrees the commit is good.
    assert.equal(r.git('-c', `gpg.ssh.allowedSignersFile=${join(keys, 'allowed_signers')}`, 'log', '-1', '--format=%G?').trim(), 'G');
  });

  test('merges, multi-line messages, no trailing newline, non-ASCII names; rev-list order with tied dates', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    const at = (t: number): Record<string, string> => ({ GIT_AUTHOR_DATE: `${t} +0200`, GIT_COMMITTER_DATE: `${t} +0200` });
    const commit = (msg: string, t: number, env: Record<string, string> = {}): string => {
      gitIn(r.dir, ['commit', '-q', '--allow-empty', '--cleanup=verbatim', '-m', msg], { ...at(t), ...env });
      return gitIn(r.dir, ['rev-parse', 'HEAD']).trim();
    };
    commit('base', 1_700_000_000);
    gitIn(r.dir, ['checkout', '-q', '-b', 'side']);
    writeTree(r.dir, { 'side.txt': 'side\n' });
    gitIn(r.dir, ['add', 'side.txt']);
    commit('side 1 (older than its parent: clock skew)', 1_699_999_000);
    commit('side 2 (tied date)', 1_700_000_200);
    gitIn(r.dir, ['checkout', '-q', 'main']);
    commit('main 1 (tied date)', 1_700_000_200, { GIT_AUTHOR_NAME: 'Zoë Ångström 李', GIT_AUTHOR_EMAIL: 'zoe@example.com' });
    gitIn(r.dir, ['merge', '-q', '--no-ff', '--no-edit', 'side'], at(1_700_000_300));
    const merge = gitIn(r.dir, ['rev-parse', 'HEAD']).trim();
    const multi = commit('Subject line\n\nBody line one\nBody line two\n\nApproved-by: Zoë <zoe@example.com>\n', 1_700_000_400);
    // git commit always ends a message with a newline; write the object by hand for one without.
    const raw = `tree ${gitIn(r.dir, ['rev-parse', 'HEAD^{tree}']).trim()}\nparent ${multi}\nauthor 李 <li@example.com> 1700000500 -0330\ncommitter 李 <li@example.com> 1700000500 -0330\n\nno trailing newline`;
    const bare = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: r.dir, env: gitEnv(), input: raw, encoding: 'utf8' }).trim();
    gitIn(r.dir, ['update-ref', 'refs/heads/main', bare]);

    const snap = await sameSnapshot(r.dir, ['HEAD^2', 'HEAD~2^2', 'HEAD~2^1', 'HEAD~2^0', 'side~1']);
    assert.deepEqual(snap.history, gitIn(r.dir, ['rev-list', '--reverse', 'HEAD']).trim().split('\n'));
    const byOid = new Map<string, any>(snap.commits.map((c: any) => [c.oid, c]));
    assert.equal(byOid.get(merge).parents.length, 2);
    assert.equal(byOid.get(multi).message, 'Subject line\n\nBody line one\nBody line two\n\nApproved-by: Zoë <zoe@example.com>\n');
    assert.equal(byOid.get(bare).message, 'no trailing newline');
    assert.deepEqual(byOid.get(bare).author, { name: '李', email: 'li@example.com', timestamp: 1700000500, timezone: '-0330' });
    assert.equal(Buffer.from(byOid.get(bare).signedPayload, 'base64').toString(), raw);
    const zoe = snap.commits.find((c: any) => c.message.startsWith('main 1'));
    assert.equal(zoe.author.name, 'Zoë Ångström 李');
    // The merge's changes are against its first parent: the side branch's file arrives.
    assert.deepEqual(byOid.get(merge).changes.map((c: any) => [c.status, c.path]), [['A', 'side.txt']]);
    const range = await withBoth(r.dir, gitEnv(), (git) => git.revList('main', 'side'));
    assert.deepEqual(range.iso, range.cli);
    assert.deepEqual(range.cli, gitIn(r.dir, ['rev-list', '--reverse', 'main', '^side']).trim().split('\n'));
  });
});

describe('openGit', () => {
  test('outside a repository: GIT with the fix `git init`, for both backends', async () => {
    const dir = tempDir();
    for (const backend of ['cli', 'isomorphic'] as const) {
      await assert.rejects(openGit({ cwd: dir, env: gitEnv({ GIT_CEILING_DIRECTORIES: dir }), backend }), (e: unknown) => {
        assert.ok(e instanceof DesignGateError);
        assert.equal(e.code, 'GIT');
        assert.match(e.message, /is not inside a git repository/);
        assert.match(e.fix ?? '', /`git init`/);
        return true;
      });
    }
  });

  test('a bare repository and the inside of .git are refused with their own causes', async () => {
    const bare = tempDir();
    gitIn(bare, ['init', '-q', '--bare']);
    const r = repo({ 'a.txt': 'a\n' });
    for (const backend of ['cli', 'isomorphic'] as const) {
      await assert.rejects(openGit({ cwd: bare, env: gitEnv(), backend }), /is a bare repository/);
      await assert.rejects(openGit({ cwd: join(r.dir, '.git/refs'), env: gitEnv(), backend }), /is inside the \.git directory/);
    }
  });

  test('without git on PATH: `cli` says so; no backend named falls back to isomorphic-git', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    const env = gitEnv({ PATH: tempDir() });
    await assert.rejects(openGit({ cwd: r.dir, env, backend: 'cli' }), (e: unknown) => {
      assert.ok(e instanceof DesignGateError);
      assert.equal(e.message, 'git is not installed (no `git` on PATH)');
      return true;
    });
    const git = await openGit({ cwd: r.dir, env });
    assert.equal(git.backend, 'isomorphic');
    assert.deepEqual(await git.listFiles('HEAD'), ['a.txt']);
    await git.close();
  });

  test('the isomorphic backend never writes: the index is byte-identical after every read', async () => {
    const { r } = historyRepo();
    r.write({ 'README.md': 'changed in the work tree only\n' });
    const before = readFileSync(join(r.dir, '.git/index'));
    const git = await openGit({ cwd: r.dir, env: gitEnv(), backend: 'isomorphic' });
    await snapshot(git);
    await git.close();
    assert.ok(readFileSync(join(r.dir, '.git/index')).equals(before));
  });
});
