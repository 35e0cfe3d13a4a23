import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkSuspect, designContext, findSuspects } from '../../../core/architecture/suspect.js';
import { readArchitecture } from '../../../core/architecture/reader.js';
import { checkGate1 } from '../../../core/architecture/gate1.js';
import { setApproval, approvalTimestamp } from '../../../core/approval/edit.js';
import { compileMapping } from '../../../core/mapping.js';
import { designDigest } from '../../../core/digest.js';
import { loadWorkspace } from '../../../core/workspace.js';
import { workTreeReader } from '../../../cli/read-file.js';
import { gitEnv, makeRepo, type TempRepo, type Tree } from '../../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const RULES = [{ code: 'lib/my_app/{path}.ex', design: 'docs/design/{path}.md', test: 'test/my_app/{path}_test.exs' }];
const config = (architecture: 'off' | 'warn' | 'error' = 'error') =>
  JSON.stringify({ components: RULES, gates: { approval: 'off', completeness: 'off', architecture } });
const ARCH = 'docs/architecture.md';
const architecture = (sessionsPurpose = 'Runs sessions.') =>
  `---\ncontexts:\n  accounts:\n    owns: [lib/my_app/accounts/]\n    purpose: People and sign-in.\n  sessions:\n    owns: [lib/my_app/sessions/]\n    depends_on: [accounts]\n    purpose: ${sessionsPurpose}\n---\n`;
const draft = (body: string) => `---\nstatus: draft\n---\n\n## Purpose\n\n${body}\n`;
const jane = { name: 'Jane Doe', email: 'jane@x.org' };

/** The design approved as it stands, recording its context digest in `arch` (or none). */
function approved(path: string, text: string, arch: string | undefined): string {
  let context: string | undefined;
  if (arch !== undefined) {
    const read = readArchitecture(arch, ARCH, 'error').architecture!;
    context = designContext(read, compileMapping(RULES), path)?.digest;
  }
  return setApproval(text, path, { digest: designDigest(path, text), by: [jane], at: approvalTimestamp(new Date(0)), ...(context === undefined ? {} : { context }) });
}

const DESIGNS = {
  user: 'docs/design/accounts/user.md',
  login: 'docs/design/accounts/login.md',
  runner: 'docs/design/sessions/runner.md',
  repo: 'docs/design/sessions/repo.md',
};

function base(arch = architecture()): Tree {
  return {
    '.designrc.json': config(),
    [ARCH]: arch,
    'lib/my_app/accounts/user.ex': 'defmodule MyApp.Accounts.User do\nend\n',
    'lib/my_app/accounts/login.ex': 'defmodule MyApp.Accounts.Login do\nend\n',
    'lib/my_app/sessions/runner.ex': 'defmodule MyApp.Sessions.Runner do\nend\n',
    'lib/my_app/sessions/repo.ex': 'defmodule MyApp.Sessions.Repo do\nend\n',
    [DESIGNS.user]: approved(DESIGNS.user, draft('Users.'), arch),
    [DESIGNS.login]: approved(DESIGNS.login, draft('Login.'), arch),
    [DESIGNS.runner]: approved(DESIGNS.runner, draft('Runner.'), arch),
    [DESIGNS.repo]: approved(DESIGNS.repo, draft('Repo.'), arch),
  };
}

async function suspects(tree: Tree, options: { paths?: readonly string[] } = {}) {
  const r = makeRepo(tree);
  repos.push(r);
  const ws = await loadWorkspace({ cwd: r.dir, env: gitEnv() });
  const group = ws.groups[0]!;
  const read = workTreeReader(ws.repoRoot);
  const { architecture: arch } = await checkGate1(group, read);
  return checkSuspect(group, read, { architecture: arch, ...options });
}
const lines = (problems: ReadonlyArray<{ file: string; line?: number; ruleId: string; severity: string }>) => problems.map((p) => `${p.file}:${p.line} ${p.ruleId} ${p.severity}`).sort();

describe('suspect designs', () => {
  test('designContext names the one context owning the code, and nothing outside or in two', () => {
    const arch = readArchitecture(architecture(), ARCH, 'error').architecture!;
    const mapping = compileMapping(RULES);
    assert.equal(designContext(arch, mapping, DESIGNS.runner)?.name, 'sessions');
    assert.equal(designContext(arch, mapping, 'docs/design/billing/invoice.md'), undefined);
    assert.equal(designContext(arch, mapping, 'README.md'), undefined);
    const overlapping = readArchitecture(`---\ncontexts:\n  a:\n    owns: [lib/my_app/]\n  b:\n    owns: [lib/my_app/sessions/]\n---\n`, ARCH, 'error').architecture!;
    assert.equal(designContext(overlapping, mapping, DESIGNS.runner), undefined);
  });

  test('designs approved against the architecture as it stands are not suspect', async () => {
    assert.deepEqual(await suspects(base()), []);
  });

  test('an architecture edit of one context makes exactly that context\'s designs suspect', async () => {
    const problems = await suspects({ ...base(), [ARCH]: architecture('Runs and records sessions.') });
    assert.deepEqual(lines(problems), [`${DESIGNS.repo}:7 suspect-design warning`, `${DESIGNS.runner}:7 suspect-design warning`]);
    assert.equal(problems[0]!.column, 12);
    assert.equal(problems[0]!.message, `suspect: approved against an earlier entry of context "sessions" in ${ARCH}; the entry changed since, so this design is still approved but needs a look`);
    assert.equal(problems.find((p) => p.file === DESIGNS.runner)!.fix, `review it against the context's new entry, then run designgate approve --confirm ${DESIGNS.runner} (or re-approve it)`);
    // Reformatting the architecture changes no entry: nothing is suspect.
    const reformatted = architecture().replace('owns: [lib/my_app/accounts/]', 'owns:\n      - "lib/my_app/accounts/"');
    assert.deepEqual(await suspects({ ...base(), [ARCH]: reformatted }), []);
  });

  test('a stale design, a draft and an approval without a recorded context are not suspect', async () => {
    const tree = base();
    const edited = architecture('Runs and records sessions.');
    const stale = (tree[DESIGNS.runner] as string).replace('Runner.', 'Runner, changed.');
    const noContext = approved(DESIGNS.repo, draft('Repo.'), undefined);
    assert.deepEqual(await suspects({ ...tree, [ARCH]: edited, [DESIGNS.runner]: stale, [DESIGNS.repo]: noContext }), []);
    assert.deepEqual(await suspects({ ...tree, [ARCH]: edited, [DESIGNS.runner]: draft('Runner.'), [DESIGNS.repo]: draft('Repo.') }), []);
  });

  test('paths limit the designs read; gates.architecture off or no architecture reports nothing', async () => {
    const tree = { ...base(), [ARCH]: architecture('Runs and records sessions.') };
    assert.deepEqual(lines(await suspects(tree, { paths: [DESIGNS.runner, 'docs/design/accounts'] })), [`${DESIGNS.runner}:7 suspect-design warning`]);
    assert.deepEqual(await suspects({ ...tree, '.designrc.json': config('off') }), []);
    assert.deepEqual(await suspects({ ...tree, [ARCH]: null }), []);
    const r = makeRepo(tree);
    repos.push(r);
    const ws = await loadWorkspace({ cwd: r.dir, env: gitEnv() });
    const found = await findSuspects(ws.groups[0]!, workTreeReader(r.dir), { architecture: readArchitecture(tree[ARCH] as string, ARCH, 'error').architecture });
    assert.deepEqual(found.map((s) => [s.design, s.context, s.recorded !== s.current]).sort(), [
      [DESIGNS.repo, 'sessions', true],
      [DESIGNS.runner, 'sessions', true],
    ]);
  });
});
