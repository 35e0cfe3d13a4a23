import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, type TempRepo } from '../../helpers/repo.js';
import { openGit } from '../../../core/git/index.js';
import { loadWorkspace } from '../../../core/workspace.js';
import { checkWorkspaceApprovals } from '../../../core/approval/gate.js';
import { DESIGN, alice, approvalRepo, approveAs, bob, cacheKeyDir, carol, commitAs, configText, designText } from './helpers.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

async function gate(r: TempRepo, options: { paths?: string[]; trustedRev?: string } = {}) {
  const env = gitEnv();
  const ws = await loadWorkspace({ cwd: r.dir, env });
  const git = await openGit({ cwd: r.dir, env });
  try {
    const read = (p: string) => readFile(join(r.dir, p), 'utf8').catch(() => undefined);
    return await checkWorkspaceApprovals({ ws, git, env, read, now: new Date(), cacheKeyDir, ...options });
  } finally {
    await git.close();
  }
}

const states = (result: Awaited<ReturnType<typeof gate>>) => Object.fromEntries(result.verdicts.map((v) => [v.file, v.state]));

describe('checkWorkspaceApprovals', () => {
  test('every design of every config, the architecture document included, with its derived state', async () => {
    const config = JSON.parse(configText()) as Record<string, unknown>;
    const r = approvalRepo({
      extra: {
        '.designrc.json': `${JSON.stringify({ ...config, architecture: 'docs/architecture.md' })}\n`,
        'pkg/.designrc.json': configText({ approvers: [{ person: carol }] }),
      },
    });
    repos.push(r);
    commitAs(r, {
      'docs/architecture.md': designText('Contexts.'),
      'docs/design/e.md': designText('E.'),
      'docs/design/f.md': designText('F.'),
      'pkg/docs/design/p.md': designText('P.'),
      'docs/notes.md': 'not a design\n',
    }, { author: alice, message: 'more' });
    approveAs(r, bob);
    approveAs(r, bob, { path: 'docs/architecture.md' });
    approveAs(r, bob, { path: 'docs/design/e.md' });
    commitAs(r, { 'docs/design/e.md': readFileSync(join(r.dir, 'docs/design/e.md'), 'utf8').replace('E.', 'E!') }, { author: alice, message: 'edit e' });
    approveAs(r, carol, { path: 'pkg/docs/design/p.md' });
    const result = await gate(r);
    assert.deepEqual(states(result), {
      [DESIGN]: 'approved',
      'docs/architecture.md': 'approved',
      'docs/design/e.md': 'stale',
      'docs/design/f.md': 'draft',
      'pkg/docs/design/p.md': 'approved',
    });
    assert.deepEqual(result.problems.map((p) => `${p.file} ${p.ruleId}`), ['docs/design/e.md approval-stale']);
  });

  test('a nested config has its own approvers: Bob approving a package design is not an approver there', async () => {
    const r = approvalRepo({ extra: { 'pkg/.designrc.json': configText({ approvers: [{ person: carol }] }) } });
    repos.push(r);
    commitAs(r, { 'pkg/docs/design/p.md': designText('P.') }, { author: alice, message: 'p' });
    approveAs(r, bob, { path: 'pkg/docs/design/p.md' });
    const result = await gate(r, { paths: ['pkg'] });
    assert.deepEqual(states(result), { 'pkg/docs/design/p.md': 'unverified' });
    assert.equal(result.problems[0]?.ruleId, 'approval-not-approver');
    assert.match(result.problems[0]?.message ?? '', /pkg\/\.designrc\.json/);
  });

  test('the gate level comes from the trusted config: an uncommitted `approval: off` does not silence it', async () => {
    const r = approvalRepo();
    repos.push(r);
    approveAs(r, bob, { signWith: undefined });
    const config = JSON.parse(readFileSync(join(r.dir, '.designrc.json'), 'utf8')) as { gates: Record<string, string> };
    config.gates['approval'] = 'off';
    writeFileSync(join(r.dir, '.designrc.json'), JSON.stringify(config));
    const result = await gate(r);
    assert.equal(result.problems[0]?.ruleId, 'approval-unsigned');
    assert.equal(result.problems[0]?.severity, 'error');
  });

  test('paths select designs', async () => {
    const r = approvalRepo();
    repos.push(r);
    commitAs(r, { 'docs/design/sub/x.md': designText('X.') }, { author: alice, message: 'x' });
    assert.deepEqual(Object.keys(states(await gate(r, { paths: ['docs/design/sub/'] }))), ['docs/design/sub/x.md']);
  });
});
