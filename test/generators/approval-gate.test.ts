import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { derivedStateGate, verifiedApprovalGate } from '../../generators/approval-gate.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';
import { ADD_BODY, approveByCommits, approvedDesign, designrc, draftDesign, sessionEnv } from '../helpers/code-project.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(): TempRepo {
  const r = makeRepo({ '.designrc.json': designrc({ host: 'http://127.0.0.1:11434' }), 'README.md': 'x\n' });
  repos.push(r);
  return r;
}
const input = (r: TempRepo, text: string | undefined) => ({ repoRoot: r.dir, env: sessionEnv(), designPath: 'docs/design/add.md', text });

describe('derivedStateGate', () => {
  test('approved with a matching digest passes, with the digest', async () => {
    const d = await derivedStateGate(input(repo(), approvedDesign('docs/design/add.md')));
    assert.equal(d.approved, true);
    assert.match(d.digest!, /^sha256:/);
  });
  test('F15: draft, stale, missing and invalid designs are refused with a rule id and a fix', async () => {
    const r = repo();
    const cases: Array<[string | undefined, string]> = [
      [draftDesign(), 'generate-draft-design'],
      [approvedDesign('docs/design/add.md').replace('Adds', 'Subtracts'), 'generate-stale-design'],
      [undefined, 'generate-missing-design'],
      ['---\n: [\n---\n', 'generate-invalid-design'],
    ];
    for (const [text, ruleId] of cases) {
      const d = await derivedStateGate(input(r, text));
      assert.equal(d.approved, false);
      assert.equal(d.problems[0]!.ruleId, ruleId);
      assert.ok(d.problems[0]!.fix);
    }
  });
});

describe('verifiedApprovalGate (core/approval)', () => {
  test('an approval committed with an Approved-by trailer by a registered approver passes', async () => {
    const r = repo();
    approveByCommits(r, 'docs/design/add.md');
    const d = await verifiedApprovalGate(input(r, approvedDesign('docs/design/add.md')));
    assert.equal(d.approved, true, JSON.stringify(d.problems));
    assert.equal(d.state, 'approved-unsigned');
  });
  test('an approval block written by hand, with no approval commit behind it, is refused', async () => {
    const r = repo();
    r.commit({ 'docs/design/add.md': approvedDesign('docs/design/add.md') }, 'sneak an approval in');
    const d = await verifiedApprovalGate(input(r, approvedDesign('docs/design/add.md')));
    assert.equal(d.approved, false);
    assert.notEqual(d.state, 'approved');
    assert.ok(d.problems.length > 0);
  });
  test('a draft is refused without looking at history', async () => {
    const d = await verifiedApprovalGate(input(repo(), draftDesign(ADD_BODY)));
    assert.equal(d.approved, false);
    assert.equal(d.state, 'draft');
  });
});
