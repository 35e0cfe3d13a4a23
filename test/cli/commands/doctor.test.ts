/**
 * `designgate doctor` end to end: the built bin in a fresh repository with no hooks, no signing key
 * and no Ollama names each of the three with its fix and exits 1; after installing the hooks
 * (hooks/install.ts), setting a signing key made by ssh-keygen and registered in .designrc.json,
 * and starting the Ollama-compatible test server, it exits 0.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { binPath, gitEnv, makeRepo, makeTempDir, type TempRepo } from '../../helpers/repo.js';
import { fakeOllamaPerFile } from '../../helpers/fake-ollama.js';
import { installHooks } from '../../../hooks/install.js';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Spawns the built bin without blocking, so the fake Ollama in this process can answer it. */
function doctor(cwd: string, env: Record<string, string> = {}, ...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [binPath, 'doctor', ...args], { cwd, env: gitEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr })));
}

/** A loopback port where nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const keyDir = makeTempDir('designgate-doctor-keys-');
function sshKey(name: string): { key: string; publicKey: string } {
  const key = join(keyDir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  return { key, publicKey: readFileSync(`${key}.pub`, 'utf8').trim() };
}

const jane = sshKey('jane');
const other = sshKey('other');
const config = (approvers: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ preset: 'typescript', approvers, generator: { model: 'fake-coder:7b', testCommand: 'node --test {test}' }, ...extra }, null, 2);

const repos: TempRepo[] = [];
const fake = fakeOllamaPerFile(() => {
  repos.forEach((r) => r.cleanup());
  rmSync(keyDir, { recursive: true, force: true });
});

/** A fresh clone as a newcomer has it: the config registers Jane's key, git knows Jane, nothing else is set up. */
function freshRepo(configText = config([{ name: 'Jane Doe', email: 'jane@example.com', keys: [jane.publicKey] }])): TempRepo {
  const repo = makeRepo({ '.designrc.json': configText, 'package.json': '{ "name": "app", "private": true }\n', 'src/a.ts': 'export {};\n' });
  repo.git('config', 'user.name', 'Jane Doe');
  repo.git('config', 'user.email', 'jane@example.com');
  repos.push(repo);
  return repo;
}

const line = (out: string, id: string) => out.split('\n').find((l) => new RegExp(`^ {2}\\S+ +${id} `).test(l)) ?? '';
const fixAfter = (out: string, id: string) => {
  const lines = out.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^ {2}\\S+ +${id} `).test(l));
  return lines.slice(at + 1).find((l) => /^ +fix: /.test(l) || /^ {2}\S/.test(l)) ?? '';
};

describe('designgate doctor', () => {
  test('a fresh clone without hooks, signing key or Ollama: the three named with their fixes, exit 1; fixed: exit 0', async () => {
    const repo = freshRepo();
    const down = `127.0.0.1:${await closedPort()}`;

    const before = await doctor(repo.dir, { OLLAMA_HOST: down });
    assert.equal(before.status, 1, before.stdout + before.stderr);
    assert.equal(before.stderr, '');
    const out = before.stdout;
    assert.match(line(out, 'node'), /^ {2}ok +node +v\d+\.\d+\.\d+ \(designgate needs >=\d+/);
    assert.match(line(out, 'git'), /^ {2}ok +git +version \d+\.\d+\.\d+ \(designgate needs 2\.34\.0 or newer\)/);
    assert.match(line(out, 'config'), /^ {2}ok +config +\.designrc\.json is valid \(1 approver\)/);
    assert.match(line(out, 'hooks'), /^ {2}FAIL +hooks +the git hooks are not installed/);
    assert.match(fixAfter(out, 'hooks'), /fix: run `designgate init`/);
    assert.match(line(out, 'signing'), /^ {2}FAIL +signing +git has no signing key configured/);
    assert.match(fixAfter(out, 'signing'), /fix: .*ssh-keygen -t ed25519.*git config --global gpg\.format ssh.*user\.signingkey/);
    assert.match(line(out, 'ollama'), new RegExp(`^ {2}FAIL +ollama +Ollama is not reachable at http://${down.replace(/\./g, '\\.')} \\(ECONNREFUSED\\)`));
    assert.match(fixAfter(out, 'ollama'), /fix: start it with `ollama serve`/);
    assert.match(out, /\ndoctor: 3 checks failed; fix them as shown above\n$/);

    // The fixes: the hooks, Jane's registered key, a running server.
    await installHooks({ repoRoot: repo.dir, env: gitEnv(), binPath });
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', `${jane.key}.pub`);
    const fixed = await doctor(repo.dir, { OLLAMA_HOST: fake.url, HUSKY: '' });
    assert.equal(fixed.status, 0, fixed.stdout);
    assert.match(line(fixed.stdout, 'hooks'), /^ {2}ok +hooks +the git hooks are installed and intact \(core\.hooksPath \.husky\/_\)/);
    assert.match(line(fixed.stdout, 'signing'), /^ {2}ok +signing +signing with ssh key SHA256:\S+, registered for jane@example\.com/);
    assert.match(line(fixed.stdout, 'ollama'), new RegExp(`^ {2}ok +ollama +Ollama 0\\.12\\.0 at ${fake.url} has the model fake-coder:7b`));
    assert.match(fixed.stdout, /\ndoctor: everything designgate needs is in place\n$/);
    assert.doesNotMatch(fixed.stdout, /FAIL|warn/);
  });

  test('--json: the same checks as data, exit 1 with a failure', async () => {
    const repo = freshRepo();
    const r = await doctor(repo.dir, { OLLAMA_HOST: `127.0.0.1:${await closedPort()}` }, '--json');
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: Array<{ id: string; status: string; message: string; fix?: string }> };
    assert.equal(report.ok, false);
    assert.deepEqual(report.checks.map((c) => c.id), ['node', 'git', 'config', 'hooks', 'signing', 'ollama']);
    assert.deepEqual(report.checks.map((c) => c.status), ['ok', 'ok', 'ok', 'fail', 'fail', 'fail']);
    for (const c of report.checks.filter((x) => x.status === 'fail')) assert.ok(c.fix !== undefined && c.fix.length > 0, c.id);
  });

  test('a key that is not registered for the user: fail, and the fix carries the public key to paste', async () => {
    const repo = freshRepo();
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', other.key); // the private key: git and doctor read the .pub beside it
    const r = await doctor(repo.dir, { OLLAMA_HOST: fake.url }, '--json');
    const signing = (JSON.parse(r.stdout) as { checks: Array<{ id: string; status: string; message: string; fix: string }> }).checks.find((c) => c.id === 'signing')!;
    assert.equal(signing.status, 'fail');
    assert.match(signing.message, /^your ssh signing key SHA256:\S+ is not registered for jane@example\.com in \.designrc\.json/);
    assert.ok(signing.fix.includes(other.publicKey.split(' ').slice(0, 2).join(' ')), signing.fix);
    assert.match(signing.fix, /approvers\[0\]\.keys/);
  });

  test('the model is not pulled: fail with `ollama pull`', async () => {
    const repo = freshRepo(config([], { generator: { model: 'qwen2.5-coder:7b' } }));
    const r = await doctor(repo.dir, { OLLAMA_HOST: fake.url }, '--json');
    const ollama = (JSON.parse(r.stdout) as { checks: Array<{ id: string; status: string; message: string; fix: string }> }).checks.find((c) => c.id === 'ollama')!;
    assert.equal(ollama.status, 'fail');
    assert.match(ollama.message, /the model qwen2\.5-coder:7b is not pulled/);
    assert.match(ollama.fix, /ollama pull qwen2\.5-coder:7b/);
  });

  test('a user who approves nothing and a config without a generator: both skipped, not failed', async () => {
    const repo = freshRepo(JSON.stringify({ preset: 'typescript' }));
    await installHooks({ repoRoot: repo.dir, env: gitEnv(), binPath });
    const r = await doctor(repo.dir, { HUSKY: '' });
    assert.equal(r.status, 0, r.stdout);
    assert.match(line(r.stdout, 'signing'), /^ {2}skip +signing +jane@example\.com is not an approver in \.designrc\.json/);
    assert.match(line(r.stdout, 'ollama'), /^ {2}skip +ollama +\.designrc\.json has no "generator" block/);
  });

  test('HUSKY=0 in the environment: the hooks are a warning, not a failure', async () => {
    const repo = freshRepo(JSON.stringify({ preset: 'typescript' }));
    await installHooks({ repoRoot: repo.dir, env: gitEnv(), binPath });
    const r = await doctor(repo.dir, { HUSKY: '0' });
    assert.equal(r.status, 0);
    assert.match(line(r.stdout, 'hooks'), /^ {2}warn +hooks +HUSKY=0 is set/);
    assert.match(r.stdout, /doctor: nothing is broken; 1 warning above\n$/);
  });

  test('an edited hook is listed with its fix', async () => {
    const repo = freshRepo(JSON.stringify({ preset: 'typescript' }));
    await installHooks({ repoRoot: repo.dir, env: gitEnv(), binPath });
    writeFileSync(join(repo.dir, '.husky/pre-commit'), 'exit 0\n');
    const r = await doctor(repo.dir, { HUSKY: '' });
    assert.equal(r.status, 1);
    assert.match(line(r.stdout, 'hooks'), /^ {2}FAIL +hooks +the git hooks are installed, but 1 thing is wrong with them/);
    assert.match(r.stdout, /^ +\.husky\/pre-commit: /m);
  });

  test('outside a repository: config fails with its fix, the rest is skipped', async () => {
    const dir = makeTempDir();
    try {
      const r = await doctor(dir);
      assert.equal(r.status, 1);
      assert.match(line(r.stdout, 'config'), /^ {2}FAIL +config +\S+ is not inside a git repository/);
      assert.match(line(r.stdout, 'hooks'), /^ {2}skip +hooks +skipped: not inside a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an invalid .designrc.json: config fails with each cause', async () => {
    const repo = freshRepo('{ "preset": "cobol" }');
    const r = await doctor(repo.dir);
    assert.equal(r.status, 1);
    assert.match(line(r.stdout, 'config'), /^ {2}FAIL +config +\.designrc\.json is not a valid configuration/);
    assert.match(r.stdout, /^ +\.designrc\.json:1:\d+: .*preset/m);
    assert.match(line(r.stdout, 'signing'), /^ {2}skip +signing +skipped: no valid \.designrc\.json/);
  });
});
