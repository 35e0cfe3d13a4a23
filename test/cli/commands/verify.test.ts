/** `designgate verify` spawned as CI runs it: exit codes, the four formats, and every refusal of a range. */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { binPath, runCli } from '../../helpers/repo.js';
import { alice, approve, bob, draft, gateRepo, type GateRepo } from '../../hooks/fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));

const D = 'docs/design/a.md';

/** config → design → approval (base) → approved code → unapproved code. */
function history(): { r: GateRepo; base: string; good: string } {
  const r = gateRepo();
  repos.push(r);
  r.commitAs(alice, { [D]: draft() }, 'design');
  const base = r.commitAs(bob, { [D]: approve(D, draft()) }, 'Approve a\n\nApproved-by: Bob Approver <bob@example.com>');
  const good = r.commitAs(alice, { 'src/a.ts': 'x\n', 'test/a.test.ts': 't\n' }, 'code');
  r.commitAs(alice, { 'src/b.ts': 'x\n' }, 'unapproved');
  return { r, base, good };
}

const verify = (r: GateRepo, ...args: string[]) => runCli(['verify', ...args], { cwd: r.dir });

describe('designgate verify', () => {
  test('text: problems on stdout, the summary on stderr, exit 1', () => {
    const { r, base } = history();
    const out = verify(r, '--base', base);
    assert.equal(out.status, 1);
    assert.match(out.stdout, /^src\/b\.ts: error in [0-9a-f]{12}: src\/b\.ts has no design: expected docs\/design\/b\.md \[missing-design\]$/m);
    assert.match(out.stderr, new RegExp(`^verify: 2 commits of ${base}\\.\\.HEAD: 2 errors, 1 warning\\n$`));
  });

  test('a range whose gates hold exits 0', () => {
    const { r, base, good } = history();
    const out = verify(r, '--base', base, '--head', good);
    assert.equal(out.status, 0, out.stdout);
    assert.match(out.stderr, /verify: 1 commit of .*: 0 errors, 1 warning/);
  });

  test('--format json (and --json): base, head, commits and problems', () => {
    const { r, base } = history();
    for (const args of [['--format', 'json'], ['--json']]) {
      const out = verify(r, '--base', base, ...args);
      assert.equal(out.status, 1);
      assert.equal(out.stderr, '');
      const data = JSON.parse(out.stdout) as { base: string; head: string; commits: string[]; problems: Array<{ ruleId: string }> };
      assert.equal(data.base, base);
      assert.equal(data.head, r.git('rev-parse', 'HEAD').trim());
      assert.equal(data.commits.length, 2);
      assert.deepEqual(data.problems.map((p) => p.ruleId).sort(), ['approval-unsigned-attestation', 'missing-design', 'missing-test']);
    }
  });

  test('--format github prints workflow annotations; --format sarif a SARIF log', () => {
    const { r, base } = history();
    const gh = verify(r, '--base', base, '--format', 'github');
    assert.equal(gh.status, 1);
    assert.match(gh.stdout, /^::error file=src\/b\.ts,title=missing-design::in [0-9a-f]{12}: src\/b\.ts has no design/m);
    const sarif = verify(r, '--base', base, '--format', 'sarif');
    assert.equal(sarif.status, 1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: unknown[] }> };
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0]!.results.length, 3);
  });

  test('usage errors exit 2: no --base, an unknown format, --json with another format', () => {
    const { r, base } = history();
    for (const args of [[], ['--base', base, '--format', 'xml'], ['--base', base, '--json', '--format', 'sarif']]) {
      const out = verify(r, ...args);
      assert.equal(out.status, 2, args.join(' '));
      assert.equal(out.stdout, '');
      assert.match(out.stderr, /^designgate: /);
    }
  });

  test('a range that cannot be verified exits 2 with the fix: empty, missing base', () => {
    const { r } = history();
    const empty = verify(r, '--base', 'HEAD');
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /is empty/);
    const missing = verify(r, '--base', 'origin/main');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /fetch-depth: 0/);
  });
});
