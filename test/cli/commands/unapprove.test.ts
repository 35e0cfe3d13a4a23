/** `designgate unapprove` end to end: the built bin, real repositories, real SSH keys. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type TempRepo } from '../../helpers/repo.js';
import { DESIGN, bob, designText, runCheck, snapshot, sshRepo } from '../../core/approval/helpers.js';

const repos: TempRepo[] = [];
after(() => {
  for (const r of repos) r.cleanup();
});
const track = (r: TempRepo): TempRepo => (repos.push(r), r);
const read = (repo: TempRepo, path = DESIGN) => readFileSync(join(repo.dir, path), 'utf8');

describe('designgate unapprove', () => {
  test('withdraws an approval with an ordinary commit; the design is a draft again', async () => {
    const repo = track(sshRepo(bob));
    assert.equal(runCli(['approve', DESIGN], { cwd: repo.dir }).status, 0);
    const r = runCli(['unapprove', DESIGN], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /withdrew the approval of 1 design/);
    assert.deepEqual(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n'), [DESIGN]);
    assert.equal(read(repo), designText());
    assert.equal((await runCheck(repo)).verdict.state, 'draft');
  });

  test('a draft has nothing to withdraw', () => {
    const repo = track(sshRepo(bob));
    const before = snapshot(repo);
    const r = runCli(['unapprove', DESIGN], { cwd: repo.dir });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /has no approval to withdraw/);
    assert.equal(snapshot(repo), before);
  });
});
