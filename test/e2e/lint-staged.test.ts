/**
 * designgate inside lint-staged (reliability E1/E2), from the packed tarball with real lint-staged
 * 16.4.0: a project whose `.husky/pre-commit` runs `lint-staged`, where `npx designgate init` adds
 * its one entry to the lint-staged config instead of a second hook line. lint-staged, not
 * designgate, stashes and hides unstaged hunks, so these tests show that its backup and revert keep
 * a user's work when designgate refuses (E1), and that a Ctrl-C (SIGINT to the whole process group)
 * or a SIGKILL at each of its steps leaves the work intact or recoverable from its backup stash (E2).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { alice, config, draft, fingerprint, hookEnv, removeScratch, scratchDir } from '../hooks/fixtures/gate-repo.js';
import { copyRepo, installedRepo, packAndInstall, type InstalledRepo, type Packed } from './fixtures/packed.js';

let template: InstalledRepo;
after(removeScratch);

const D = 'docs/design/a.md';
const STASH = 'lint-staged automatic backup';
type Outcome = 'intact' | 'recovered';
// After the constants: node:test runs a top-level `before` as soon as it is registered.
before(() => {
  template = prepare(packAndInstall(['lint-staged@16.4.0']));
});

/**
 * A project that used lint-staged before designgate (a no-op task on *.ts), then ran `npx designgate
 * init`; a draft (unapproved) design of src/a.ts, and src/a.ts committed with --no-verify, so any
 * staged change to it is refused. src/a.ts is then partially staged: one hunk staged, one not.
 */
function prepare(packed: Packed): InstalledRepo {
  const repo = installedRepo(packed, { '.designrc.json': config(), '.husky/pre-commit': 'lint-staged\n' });
  const pkg = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(repo.dir, 'package.json'), `${JSON.stringify({ ...pkg, 'lint-staged': { '*.ts': 'node -e 0' } }, null, 2)}\n`);
  repo.commitAs(alice, {}, 'config and lint-staged');
  const init = repo.npx(['designgate', 'init']);
  assert.equal(init.status, 0, init.stderr);
  repo.commitAs(alice, { [D]: draft(), 'src/a.ts': 'one\ntwo\nthree\nfour\nfive\n', 'test/a.test.ts': 't\n' }, 'design and code (--no-verify)');
  repo.write({ 'src/a.ts': 'ONE\ntwo\nthree\nfour\nfive\n' });
  repo.git('add', 'src/a.ts');
  repo.write({ 'src/a.ts': 'ONE\ntwo\nthree\nfour\nFIVE\n', 'notes.txt': 'untracked\n' });
  return repo;
}

/** A fresh copy of the prepared repository for one test. */
function setup(): InstalledRepo {
  return copyRepo(template);
}

/** The user's work: every work-tree file outside .git and node_modules, and the index's entries. */
function work(repo: InstalledRepo): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const rel = relative(repo.dir, abs);
      if (rel === '.git' || rel === 'node_modules') continue;
      if (statSync(abs).isDirectory()) walk(abs);
      else hash.update(`${rel}\0`).update(readFileSync(abs)).update('\0');
    }
  };
  walk(repo.dir);
  hash.update(repo.git('ls-files', '--stage'));
  return hash.digest('hex');
}

describe('designgate inside lint-staged (reliability E1/E2)', () => {
  test('init adds one lint-staged entry and leaves the lint-staged hook line as the only one', () => {
    const repo = setup();
    const pkg = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')) as { 'lint-staged': Record<string, unknown> };
    assert.deepEqual(pkg['lint-staged'], { '*.ts': 'node -e 0', '*': 'designgate hook pre-commit' });
    assert.equal(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8'), 'lint-staged\n');
  });

  test('E1: designgate refuses inside lint-staged with a partially staged file: the unstaged hunk is back, nothing else changed, and the printed backup holds the work', () => {
    const repo = setup();
    const before = fingerprint(repo);
    const r = repo.run(['commit', '-m', 'code']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const out = r.stdout + r.stderr;
    assert.match(out, /src\/a\.ts needs an approved design, but docs\/design\/a\.md is a draft/);
    assert.equal(fingerprint(repo), before, 'tree, index, stash list and refs as before');
    assert.equal(readFileSync(join(repo.dir, 'src/a.ts'), 'utf8'), 'ONE\ntwo\nthree\nfour\nFIVE\n');
    assert.equal(repo.git('show', ':src/a.ts'), 'ONE\ntwo\nthree\nfour\nfive\n');
    // lint-staged drops its backup after a successful revert, but printed its id first: the work
    // stays recoverable from that commit until git gc prunes it.
    const hash = /Backed up original state in git stash \(([0-9a-f]+)\)/.exec(out)?.[1];
    assert.ok(hash !== undefined, out);
    assert.equal(repo.git('show', `${hash}:src/a.ts`), 'ONE\ntwo\nthree\nfour\nFIVE\n');
  });

  // Each step of lint-staged is marked by the git command that ends it. A preload in lint-staged's
  // node process (NODE_OPTIONS) watches the git commands it spawns and, when the step's command has
  // exited, signals the whole process group once, as Ctrl-C in a terminal does for SIGINT. (A
  // stand-in `git` on PATH cannot do it: lint-staged puts node's own folder, /usr/bin here, first.)
  // `task` fires as designgate itself starts, inside lint-staged's task.
  // What lint-staged 16.4.0 does, step by step: on SIGINT it reverts from its backup itself; a
  // SIGKILL after the unstaged hunk is hidden (and before the revert is done) leaves the work in the
  // backup stash only, which the printed recovery restores.
  const steps: Array<[step: string, trigger: string, afterSigkill: Outcome]> = [
    ['backup', 'stash store', 'intact'],
    ['hide', 'checkout --force', 'recovered'],
    ['tasks', 'task', 'recovered'],
    ['restore', 'reset --hard', 'recovered'],
    ['cleanup', 'stash drop', 'intact'],
  ];
  const preload = `
    const cp = require('node:child_process');
    const fs = require('node:fs');
    const { E2_TRIGGER: trigger, E2_SIGNAL: signal, E2_ONCE: once } = process.env;
    const fire = () => {
      if (fs.existsSync(once)) return;
      fs.writeFileSync(once, '');
      process.kill(0, signal);
    };
    // By the script's own name: the temp folders' names hold "designgate" too.
    const script = require('node:path').basename(process.argv[1] || '');
    if (trigger === 'task' && /^designgate(\.js)?$/.test(script)) fire();
    else if (/^lint-staged(\.js)?$/.test(script)) {
      const spawn = cp.spawn;
      cp.spawn = function (command, args, ...rest) {
        const child = spawn.call(this, command, args, ...rest);
        if (command === 'git' && (' ' + (args || []).join(' ') + ' ').includes(' ' + trigger + ' ')) child.on('exit', fire);
        return child;
      };
      require('node:module').syncBuiltinESMExports();
    }
  `;

  const noSetsid = spawnSync('setsid', ['true']).error !== undefined && 'needs setsid (util-linux) for a process group of its own';
  for (const signal of ['SIGINT', 'SIGKILL']) {
    for (const [step, trigger, afterSigkill] of steps) {
      const expected: Outcome = signal === 'SIGINT' ? 'intact' : afterSigkill;
      test(`E2: ${signal} at lint-staged's ${step} step: the work is ${expected === 'intact' ? 'intact' : 'restored byte for byte from the printed backup stash'}`, { skip: noSetsid }, async () => {
        const repo = setup();
        const original = work(repo);
        const dir = scratchDir('designgate-signal-');
        const once = join(dir, 'fired');
        writeFileSync(join(dir, 'preload.cjs'), preload);
        const env = hookEnv(repo.home, alice, { NODE_OPTIONS: `--require ${join(dir, 'preload.cjs')}`, E2_TRIGGER: trigger, E2_SIGNAL: signal, E2_ONCE: once });
        // setsid: a process group of its own, so the signal reaches git commit, husky, lint-staged and designgate, not the test.
        const r = spawnSync('setsid', ['git', 'commit', '-m', 'code'], { cwd: repo.dir, env, encoding: 'utf8', timeout: 60_000 });
        await waitForGroup(r.pid);
        const output = `${r.stdout}${r.stderr}`;
        assert.ok(existsSync(once), `the ${step} step was reached:\n${output}`);
        assert.notEqual(r.status, 0, 'the commit did not happen');
        assert.equal(repo.git('log', '-1', '--format=%s').trim(), 'design and code (--no-verify)');
        rmSync(join(repo.dir, '.git/index.lock'), { force: true }); // a killed git may leave it; removing it is step one of any recovery
        if (expected === 'intact') {
          assert.equal(work(repo), original, `the work is intact:\n${output}`);
          return;
        }
        assert.notEqual(work(repo), original, 'the kill left the unstaged hunk hidden (else this case tests nothing)');
        // lint-staged's own recovery, from the backup stash it printed.
        const hash = /Backed up original state in git stash \(([0-9a-f]+)\)/.exec(output)?.[1];
        assert.ok(hash !== undefined, `the work changed and no backup was printed:\n${output}`);
        const stashes = repo.git('stash', 'list', '--format=%h %gs');
        assert.ok(stashes.split('\n').includes(`${hash} ${STASH}`), `the printed backup is still in the stash list:\n${stashes}`);
        repo.git('reset', '-q', '--hard', 'HEAD');
        // The printed hash is abbreviated, and `git stash apply 7348390` reads an all-digit one as a
        // stash index (stash@{7348390}): name the commit in full (one run in ~27 hit this).
        const full = repo.git('rev-parse', '--verify', `${hash}^{commit}`).trim();
        repo.git('stash', 'apply', '-q', '--index', full);
        assert.equal(work(repo), original, `git stash apply --index ${hash} restores the work byte for byte`);
      });
    }
  }
});

/** Waits until every process of the group `pgid` has exited (lint-staged may outlive a SIGINTed git). */
async function waitForGroup(pgid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process group ${pgid} still running after 10 s`);
}
