/**
 * Gate 1, boundary drift and suspect designs at commit and in verify, on generated repositories:
 * through the real pre-commit hook, the built `designgate verify`, and the gate functions for what
 * is easier to assert on data.
 */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openGit } from '../../../core/git/index.js';
import type { Problem } from '../../../core/problem.js';
import { baseUnlessApproved, checkArchitectureGates } from '../../../core/verify/architecture-gates.js';
import { committedFirst } from '../../../core/verify/governing.js';
import { verifyRange } from '../../../core/verify/verify.js';
import { readArchitecture } from '../../../core/architecture/reader.js';
import { designContext } from '../../../core/architecture/suspect.js';
import { setApproval, approvalTimestamp } from '../../../core/approval/edit.js';
import { designDigest } from '../../../core/digest.js';
import { compileMapping } from '../../../core/mapping.js';
import { preCommit } from '../../../hooks/pre-commit.js';
import { binPath, runCli, type Tree } from '../../helpers/repo.js';
import { RULE, alice, approve, bob, config, gateRepo, hookEnv, removeScratch, type GateRepo } from '../../hooks/fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => {
  repos.forEach((r) => r.cleanup());
  removeScratch();
});
before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));

const ARCH = 'docs/architecture.md';
type Level = 'off' | 'warn' | 'error';
const settings = (architecture: Level, approval: Level = 'off') =>
  config({ architecture: ARCH, ignore: ['**/types.ts'], gates: { approval, completeness: 'error', architecture } });

/** web and admin may reach core; `webReaches` widens what web may reach. */
const architecture = (webReaches = ['core'], adminPurpose = 'Back office.') =>
  `---\nstatus: draft\ncontexts:\n  core:\n    owns: [src/core/]\n  web:\n    owns: [src/web/]\n    depends_on: [${webReaches.join(', ')}]\n  admin:\n    owns: [src/admin/]\n    depends_on: [core]\n    purpose: ${adminPurpose}\n---\n\n## Purpose\n\nThe contexts.\n`;
const design = (deps: string[] = []) => `---\ntype: module\nstatus: draft\ndepends_on: [${deps.join(', ')}]\n---\n\n## Purpose\n\nDoes one thing.\n\n## Public API\n\n- \`run()\`\n`;

/** Code, test and design of one component (`core/a` → src/core/a.ts …). */
function component(id: string, source: string, deps: string[] = []): Tree {
  return { [`src/${id}.ts`]: source, [`test/${id}.test.ts`]: '// tests\n', [`docs/design/${id}.md`]: design(deps) };
}

const BASE: Tree = {
  [ARCH]: architecture(),
  ...component('core/a', 'export const a = 1;\n'),
  ...component('admin/panel', 'import { a } from "../core/a.js";\nexport const panel = a;\n', ['core/a']),
};
const OUTSIDE: Tree = { 'docs/design/billing/invoice.md': design() };
const CROSSING: Tree = component('web/page', 'import { a } from "../core/a.js";\nexport { panel } from "../admin/panel.js";\nexport const p = a;\n', ['core/a']);

/** A repository with the hooks installed whose main holds BASE (committed without the hooks). */
async function setup(level: Level = 'error', extra: Tree = {}): Promise<GateRepo> {
  const r = gateRepo(settings(level));
  repos.push(r);
  await r.install();
  r.commitAs(alice, { ...BASE, ...extra }, 'base');
  return r;
}

const keys = (problems: readonly Problem[], severity = 'error') =>
  [...new Set(problems.filter((p) => p.severity === severity).map((p) => `${p.file}${p.line === undefined ? '' : `:${p.line}`} ${p.ruleId}`))].sort();

async function staged(r: GateRepo): Promise<Problem[]> {
  const env = hookEnv(r.home);
  const git = await openGit({ cwd: r.dir, env });
  try {
    return await preCommit({ git, repoRoot: r.dir, env, args: [], stdin: '' });
  } finally {
    await git.close();
  }
}

async function verify(r: GateRepo, base: string): Promise<Problem[]> {
  const env = hookEnv(r.home);
  const git = await openGit({ cwd: r.dir, env });
  try {
    return (await verifyRange({ git, ctx: { cwd: r.dir, env }, base, head: 'HEAD', now: new Date() })).problems;
  } finally {
    await git.close();
  }
}

describe('at commit, through the real pre-commit hook', () => {
  test('a staged design outside every context is refused, naming the folder its context would need', async () => {
    const r = await setup();
    r.write(OUTSIDE);
    r.run(['add', '-A']);
    const out = r.run(['commit', '-m', 'billing']);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /docs\/design\/billing\/invoice\.md: error docs\/design\/billing\/invoice\.md designs src\/billing\/invoice\.ts, which no context of the architecture owns: it would need a context owning src\/billing\/ \[design-outside-architecture\]/);
    assert.match(out.stderr, /fix: add src\/billing\/ to the "owns" of a context in docs\/architecture\.md, or add a context for it/);
  });

  test('a staged TS file importing across a boundary is refused at the specifier; the control commit passes', async () => {
    const r = await setup();
    r.write(CROSSING);
    r.run(['add', '-A']);
    const out = r.run(['commit', '-m', 'page']);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /src\/web\/page\.ts:2:\d+: error imports "\.\.\/admin\/panel\.js" from context "admin", which context "web" may not depend on \[forbidden-import\]/);
    r.write(component('web/page', 'import { a } from "../core/a.js";\nexport const p = a;\n', ['core/a']));
    r.run(['add', '-A']);
    const ok = r.run(['commit', '-m', 'page, within bounds']);
    assert.equal(ok.status, 0, ok.stderr);
  });

  test('an import its design does not declare is refused, also within an allowed context', async () => {
    const r = await setup();
    r.write(component('web/page', 'import { a } from "../core/a.js";\nexport const p = a;\n'));
    r.run(['add', '-A']);
    assert.deepEqual(keys(await staged(r)), ['src/web/page.ts:1 undeclared-import']);
  });

  test('gates.architecture off: the same commits pass', async () => {
    const r = await setup('off');
    r.write({ ...OUTSIDE, ...CROSSING });
    r.run(['add', '-A']);
    const out = r.run(['commit', '-m', 'both']);
    assert.equal(out.status, 0, out.stderr);
  });

  test('Elixir: a staged module referencing a context it may not reach is refused', async () => {
    const rules = [{ code: 'lib/my_app/{path}.ex', design: 'docs/design/{path}.md', test: 'test/my_app/{path}_test.exs' }];
    const r = gateRepo(config({ components: rules, architecture: ARCH, gates: { approval: 'off', completeness: 'error', architecture: 'error' } }));
    repos.push(r);
    await r.install();
    const arch = '---\ncontexts:\n  accounts:\n    owns: [lib/my_app/accounts/]\n  sessions:\n    owns: [lib/my_app/sessions/]\n    depends_on: [accounts]\n---\n';
    const ex = (id: string, body: string): Tree => ({ [`lib/my_app/${id}.ex`]: body, [`test/my_app/${id}_test.exs`]: '# tests\n', [`docs/design/${id}.md`]: design() });
    r.commitAs(alice, { [ARCH]: arch, ...ex('sessions/runner', 'defmodule MyApp.Sessions.Runner do\nend\n') }, 'base');
    r.write(ex('accounts/user', 'defmodule MyApp.Accounts.User do\n  alias MyApp.Sessions.Runner\nend\n'));
    r.run(['add', '-A']);
    const out = r.run(['commit', '-m', 'user']);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /lib\/my_app\/accounts\/user\.ex:2:\d+: error imports "MyApp\.Sessions\.Runner" from context "sessions", which context "accounts" may not depend on \[forbidden-import\]/);
  });
});

describe('the cost follows the change', () => {
  test('gates.architecture off reads nothing: not even the file list', async () => {
    const r = await setup('off');
    r.write(CROSSING);
    r.run(['add', '-A']);
    const git = await openGit({ cwd: r.dir, env: hookEnv(r.home) });
    try {
      let listed = 0;
      const changes = await git.stagedChanges();
      const problems = await checkArchitectureGates({
        changes,
        read: (p) => git.readStaged(p),
        locate: committedFirst(r.dir, git, await git.resolve('HEAD')),
        list: async () => {
          listed++;
          return git.listFiles();
        },
      });
      assert.deepEqual(problems, []);
      assert.equal(listed, 0);
    } finally {
      await git.close();
    }
  });

  test('an untouched design outside the architecture and an untouched unapproved architecture do not block a commit; an architecture edit judges every design', async () => {
    const r = gateRepo(settings('error', 'error'));
    repos.push(r);
    r.commitAs(alice, { ...BASE, ...OUTSIDE }, 'base with a stray design and a draft architecture');
    r.write({ 'README.md': 'unrelated\n', 'docs/design/core/b.md': design() });
    r.run(['add', '-A']);
    assert.deepEqual(keys(await staged(r)), []);
    r.write({ [ARCH]: architecture(['core'], 'Back office, audited.') });
    r.run(['add', '-A']);
    assert.deepEqual(keys(await staged(r)), [`${ARCH} architecture-unapproved`, 'docs/design/billing/invoice.md design-outside-architecture']);
  });
});

describe('in verify', () => {
  test('commits made with --no-verify are caught by designgate verify', async () => {
    const r = await setup();
    const base = r.git('rev-parse', 'HEAD').trim();
    r.commitAs(alice, OUTSIDE, 'billing');
    r.commitAs(alice, CROSSING, 'page');
    const out = runCli(['verify', '--base', base, '--format', 'json'], { cwd: r.dir, env: hookEnv(r.home) });
    assert.equal(out.status, 1, out.stderr);
    const problems = (JSON.parse(out.stdout) as { problems: Problem[] }).problems;
    assert.deepEqual(keys(problems), ['docs/design/billing/invoice.md design-outside-architecture', 'src/web/page.ts:2 forbidden-import']);
  });

  test('gates.architecture off (at the base): verify reports no architecture finding', async () => {
    const r = await setup('off');
    const base = r.git('rev-parse', 'HEAD').trim();
    r.commitAs(alice, { ...OUTSIDE, ...CROSSING }, 'both');
    assert.deepEqual(keys(await verify(r, base)), []);
  });

  /** main: approved architecture (Bob), core/a and admin/panel; approvals on. */
  function approvedBase(): { r: GateRepo; base: string } {
    const r = gateRepo(settings('error', 'error'));
    repos.push(r);
    r.commitAs(alice, BASE, 'base');
    r.commitAs(bob, { [ARCH]: approve(ARCH, architecture()) }, 'Approve the architecture\n\nApproved-by: Bob Approver <bob@example.com>');
    return { r, base: r.git('rev-parse', 'HEAD').trim() };
  }
  const ARCH_RULES = /^(forbidden-|undeclared-|design-outside|architecture-)/;
  const architectural = (problems: readonly Problem[]) => keys(problems.filter((p) => ARCH_RULES.test(p.ruleId)));
  const WIDENED_PAGE = component('web/page', 'import { panel } from "../admin/panel.js";\nexport const p = panel;\n', ['admin/panel']);

  test('a widening staged with its code: pre-commit judges by the index, verify by the base', async () => {
    const { r, base } = approvedBase();
    // The approval block stays, so the widened document is stale.
    r.write({ [ARCH]: approve(ARCH, architecture()).replace('depends_on: [core]\n  admin', 'depends_on: [core, admin]\n  admin'), ...WIDENED_PAGE });
    r.run(['add', '-A']);
    assert.deepEqual(architectural(await staged(r)), [`${ARCH} architecture-unapproved`]);
    r.commitAs(alice, {}, 'widen web and use it');
    assert.deepEqual(architectural(await verify(r, base)), [`${ARCH} architecture-unapproved`, 'docs/design/web/page.md:4 forbidden-dependency', 'src/web/page.ts:1 forbidden-import']);
  });

  test('a widening approved within the range governs the code after it', async () => {
    const { r, base } = approvedBase();
    const widened = architecture(['core', 'admin']);
    r.commitAs(alice, { [ARCH]: widened }, 'widen web');
    r.commitAs(bob, { [ARCH]: approve(ARCH, widened) }, 'Approve the widening\n\nApproved-by: Bob Approver <bob@example.com>');
    r.commitAs(alice, WIDENED_PAGE, 'use it');
    const problems = await verify(r, base);
    assert.deepEqual(architectural(problems), []);
    assert.deepEqual(keys(problems).filter((k) => k.startsWith(ARCH)), []);
    // A forged approval of the same widening (Alice's commit, Bob's name) does not verify: the base judges.
    const forged = gateRepo(settings('error', 'error'));
    repos.push(forged);
    forged.commitAs(alice, BASE, 'base');
    forged.commitAs(bob, { [ARCH]: approve(ARCH, architecture()) }, 'Approve the architecture\n\nApproved-by: Bob Approver <bob@example.com>');
    const forgedBase = forged.git('rev-parse', 'HEAD').trim();
    forged.commitAs(alice, { [ARCH]: approve(ARCH, widened) }, 'widen web, "approved"');
    forged.commitAs(alice, WIDENED_PAGE, 'use it');
    assert.ok(architectural(await verify(forged, forgedBase)).includes('src/web/page.ts:1 forbidden-import'));
  });

  test('an architecture edit in a range makes exactly that context\'s designs suspect', async () => {
    const r = await setup();
    const arch = readArchitecture(architecture(), ARCH, 'error').architecture!;
    const mapping = compileMapping([RULE]);
    const approved = (path: string) =>
      setApproval(design(), path, { digest: designDigest(path, design()), by: [bob], at: approvalTimestamp(new Date(0)), context: designContext(arch, mapping, path)!.digest });
    const designs = ['docs/design/core/a.md', 'docs/design/admin/panel.md', 'docs/design/admin/audit.md'];
    r.commitAs(alice, Object.fromEntries(designs.map((d) => [d, approved(d)])), 'approved against the architecture');
    const base = r.git('rev-parse', 'HEAD').trim();
    r.commitAs(alice, { [ARCH]: architecture(['core'], 'Back office, audited.') }, 'admin changes its purpose');
    assert.deepEqual(keys(await verify(r, base), 'warning').filter((k) => k.includes('suspect')), [
      'docs/design/admin/audit.md:9 suspect-design',
      'docs/design/admin/panel.md:9 suspect-design',
    ]);
  });
});

describe('baseUnlessApproved', () => {
  const text = (s: string | undefined) => async () => (s === undefined ? undefined : Buffer.from(s));
  test('the head\'s architecture judges only when the base has none, it is unchanged, or its approval verified', async () => {
    assert.equal(await baseUnlessApproved(undefined, new Map())(ARCH, 'head'), 'head');
    assert.equal(await baseUnlessApproved(text(undefined), new Map())(ARCH, 'head'), 'head');
    assert.equal(await baseUnlessApproved(text('same'), new Map())(ARCH, 'same'), 'same');
    assert.equal(await baseUnlessApproved(text('base'), new Map())(ARCH, 'head'), 'base');
    assert.equal(await baseUnlessApproved(text('base'), new Map([[ARCH, { state: 'stale' as const }]]))(ARCH, 'head'), 'base');
    assert.equal(await baseUnlessApproved(text('base'), new Map([[ARCH, { state: 'approved' as const }]]))(ARCH, 'head'), 'head');
    assert.equal(await baseUnlessApproved(text('base'), new Map([[ARCH, { state: 'approved-unsigned' as const }]]))(ARCH, 'head'), 'head');
    assert.equal(await baseUnlessApproved(text('base'), new Map())(ARCH, undefined), 'base');
  });
});

