import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeOllamaPerFile } from '../../helpers/fake-ollama.js';
import { runCli, type TempRepo } from '../../helpers/repo.js';
import { ADD_BODY, BAD, GOOD, answer, approveByCommits, cli, makeCodeProject, pictureOf } from '../../helpers/code-project.js';

const repos: TempRepo[] = [];
const fake = fakeOllamaPerFile(() => repos.forEach((r) => r.cleanup()));

/** A project whose `add` design is approved by a real approval commit (the CLI verifies it). */
function project(options: Partial<Parameters<typeof makeCodeProject>[0]> = {}): TempRepo {
  const repo = makeCodeProject({ host: fake.url, ...options }, { 'docs/design/add.md': null });
  approveByCommits(repo, 'docs/design/add.md');
  repos.push(repo);
  return repo;
}

describe('designgate generate code', () => {
  test('green: exit 0, the two files written, the next step named', async () => {
    const repo = project();
    fake.queue({ content: answer(GOOD) });
    const r = await cli(['generate', 'code', 'docs/design/add.md'], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^wrote src\/add\.mjs and test\/add\.test\.mjs from docs\/design\/add\.md; the tests pass \(1 attempt, session \S+\)\nnext: review the change, then `git add src\/add\.mjs test\/add\.test\.mjs && git commit`\n$/);
    assert.equal(r.stderr, '', 'quiet when not on a terminal');
    assert.equal(readFileSync(join(repo.dir, 'src/add.mjs'), 'utf8'), GOOD.code);
  });

  test('F15: an approval block without a verified approval commit → exit 1, the model untouched', async () => {
    const repo = makeCodeProject({ host: fake.url });
    repos.push(repo);
    const requests = fake.requests.length;
    const r = await cli(['generate', 'code', 'docs/design/add.md'], repo.dir).done;
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^docs\/design\/add\.md/);
    assert.equal(fake.requests.length, requests);
  });

  test('escalation: exit 3, the report named, the tree as before', async () => {
    const repo = project({ maxAttempts: 2 });
    const picture = pictureOf(repo.dir);
    fake.queue({ content: answer(BAD) }, { content: answer(BAD) });
    const r = await cli(['generate', 'code', 'docs/design/add.md'], repo.dir).done;
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /^designgate: the session gave up on docs\/design\/add\.md after 2 attempts and handed it back to you; the work tree is as it was before\n  fix: read \.designgate\/sessions\/\S+\/escalation\.md/);
    assert.deepEqual(pictureOf(repo.dir), picture);
  });

  test('--dry-run prints the prompt and a token estimate and contacts nothing', async () => {
    const repo = project();
    const requests = fake.requests.length;
    const r = await cli(['generate', 'code', 'docs/design/add.md', '--dry-run'], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^----- system -----\nYou implement one component/);
    assert.match(r.stdout, /----- prompt -----\n# Implement src\/add\.mjs/);
    assert.match(r.stdout, /----- about \d+ tokens for fake-coder:7b at http:\/\/127\.0\.0\.1:\d+ \(estimate: one per 3 bytes\); nothing was sent -----\n$/);
    assert.equal(fake.requests.length, requests);
    assert.equal(existsSync(join(repo.dir, '.designgate')), false);
  });

  test('the built bin finds the shipped prompts too (it runs them from dist/bin/cli.cjs)', () => {
    const repo = project();
    const r = runCli(['generate', 'code', 'docs/design/add.md', '--dry-run'], { cwd: repo.dir, env: { OLLAMA_HOST: '' } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^----- system -----\nYou implement one component/);
    assert.match(r.stdout, /----- prompt -----\n# Implement src\/add\.mjs/);
  });

  test('usage mistakes exit 2', async () => {
    const repo = project();
    for (const args of [['generate'], ['generate', 'tests', 'x'], ['generate', 'code'], ['generate', 'code', 'a', 'b'], ['generate', 'code', 'docs/design/add.md', '--wait', 'soon']]) {
      const r = await cli(args, repo.dir).done;
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^designgate: /);
    }
  });

  test('E14: SIGKILL during the test run, then `session resume` finishes from the recorded step', async () => {
    const slow = "import { spawnSync } from 'node:child_process';\nawait new Promise((r) => setTimeout(r, 1500));\nprocess.exit(spawnSync(process.execPath, ['--test', process.argv[2]], { stdio: 'inherit' }).status ?? 1);\n";
    const repo = project({ testCommand: 'node scripts/slow-test.mjs {test}' });
    repo.commit({ 'scripts/slow-test.mjs': slow }, 'slow test runner');
    fake.queue({ content: answer(GOOD) });
    const run = cli(['generate', 'code', 'docs/design/add.md'], repo.dir);
    // Wait for the write to be recorded, then kill the process in the middle of the test run.
    const sessions = join(repo.dir, '.designgate/sessions');
    let steps = '';
    for (let i = 0; i < 200 && !steps.includes('"name":"write"'); i++) {
      await new Promise((r) => setTimeout(r, 25));
      const { readdirSync } = await import('node:fs');
      const id = existsSync(sessions) ? readdirSync(sessions).find((n) => n.includes('-code-')) : undefined;
      // The session folder appears a moment before its steps file: poll until both exist.
      const file = id === undefined ? undefined : join(sessions, id, 'steps.jsonl');
      steps = file === undefined || !existsSync(file) ? '' : readFileSync(file, 'utf8');
    }
    assert.match(steps, /"name":"write"/);
    run.kill('SIGKILL');
    const killed = await run.done;
    assert.notEqual(killed.status, 0);
    const list = await cli(['session', 'list'], repo.dir).done;
    assert.match(list.stdout, /^(\S+)  code  in-progress  docs\/design\/add\.md  \(\d+ steps\)\n$/);
    const id = /^(\S+)/.exec(list.stdout)![1]!;
    const asked = fake.asks().length;
    const resumed = await cli(['session', 'resume', id], repo.dir).done;
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stdout, /^wrote src\/add\.mjs and test\/add\.test\.mjs/);
    assert.equal(fake.asks().length, asked, 'the recorded answer is reused');
    const show = await cli(['session', 'show', id], repo.dir).done;
    assert.match(show.stdout, new RegExp(`^session ${id}: code docs/design/add\\.md, succeeded\\n`));
    assert.match(show.stdout, /test \(attempt 1\): ok/);
  });
});

describe('designgate generate design', () => {
  const designAnswer = (extra = '') =>
    `---\ntype: module\nstatus: approved\napproval:\n  digest: sha256:${'0'.repeat(64)}\n  by: [Mallory <m@example.com>]\n  at: 2026-01-01T00:00:00Z\n---\n${ADD_BODY}${extra}`;

  test('F5: writes a draft whatever status the model claims; the lint rules pass it', async () => {
    const repo = project();
    repo.commit({ 'src/sub.mjs': 'export const sub = (a, b) => a - b;\n' }, 'code without a design');
    fake.queue({ content: designAnswer() });
    const r = await cli(['generate', 'design', 'src/sub.mjs'], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^wrote docs\/design\/sub\.md as a draft \(1 attempt, session \S+\)\n/);
    const written = readFileSync(join(repo.dir, 'docs/design/sub.md'), 'utf8');
    assert.match(written, /^---\ntype: module\nstatus: draft\n---\n/);
    assert.doesNotMatch(written, /approval|Mallory/);
    const prompt = (fake.asks().at(-1)!.body!['messages'] as Array<{ content: string }>)[1]!.content;
    assert.match(prompt, /<<<BEGIN src\/sub\.mjs [0-9a-f]{8}>>>\nexport const sub/);
  });

  test('a draft the lint rules reject goes back with their messages', async () => {
    const repo = project();
    fake.queue({ content: '---\ntype: module\nstatus: draft\n---\n\n## Purpose\nOnly this.\n' }, { content: designAnswer() });
    const r = await cli(['generate', 'design', 'src/mul.mjs'], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\(2 attempts,/);
    const second = (fake.asks().at(-1)!.body!['messages'] as Array<{ content: string }>)[1]!.content;
    assert.match(second, /required-sections/);
  });

  test('E6: an approved design is not replaced without --revise (exit 2), and with it becomes a draft', async () => {
    const repo = project();
    const before = readFileSync(join(repo.dir, 'docs/design/add.md'), 'utf8');
    const r = await cli(['generate', 'design', 'src/add.mjs'], repo.dir).done;
    assert.equal(r.status, 2);
    assert.match(r.stderr, /docs\/design\/add\.md is an approved design; a session does not replace it unasked\n  fix: rerun with --revise/);
    assert.equal(readFileSync(join(repo.dir, 'docs/design/add.md'), 'utf8'), before);
    fake.queue({ content: designAnswer('\nRevised.\n') });
    const revised = await cli(['generate', 'design', 'src/add.mjs', '--revise'], repo.dir).done;
    assert.equal(revised.status, 0, revised.stderr);
    assert.match(readFileSync(join(repo.dir, 'docs/design/add.md'), 'utf8'), /status: draft\n---\n[^]*Revised\./);
  });

  test('E6: a person\'s draft is left alone; the proposal is kept in the session', async () => {
    const repo = project();
    const mine = '---\ntype: module\nstatus: draft\n---\n\n## Purpose\nMy notes.\n';
    writeFileSync(join(repo.dir, 'docs/design/mul.md'), mine);
    fake.queue({ content: designAnswer() });
    const r = await cli(['generate', 'design', 'src/mul.mjs'], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /docs\/design\/mul\.md already has a draft, so it was left alone; the proposal is in \.designgate\/sessions\/\S+\/proposed\.md/);
    assert.equal(readFileSync(join(repo.dir, 'docs/design/mul.md'), 'utf8'), mine);
    const proposed = /in (\.designgate\/sessions\/\S+\/proposed\.md)/.exec(r.stdout)![1]!;
    assert.match(readFileSync(join(repo.dir, proposed), 'utf8'), /status: draft/);
  });
});

describe('designgate generate design <context>', () => {
  const ARCH = '---\nstatus: draft\ncontexts:\n  math:\n    owns: [src/math/]\n    depends_on: []\n---\n# arch\n';
  const draft = (what: string) => `---\ntype: module\nstatus: draft\n---\n${ADD_BODY.replace('Adds two numbers', what)}`;
  function contextProject(): TempRepo {
    const repo = project();
    const rc = JSON.parse(readFileSync(join(repo.dir, '.designrc.json'), 'utf8')) as Record<string, unknown>;
    repo.commit(
      {
        '.designrc.json': JSON.stringify({ ...rc, architecture: 'docs/architecture.md' }, null, 2),
        'docs/architecture.md': ARCH,
        'src/math/mul.mjs': 'export const mul = (a, b) => a * b;\n',
        'src/math/sub.mjs': 'export const sub = (a, b) => a - b;\n',
      },
      'a context with two code files',
    );
    return repo;
  }

  test('every design of the context in one run, one summary, exit 0; rerun skips them', async () => {
    const repo = contextProject();
    fake.queue({ content: draft('Multiplies') }, { content: draft('Subtracts') });
    const r = await cli(['generate', 'design', 'math'], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^context math: 2 designs\n  drafted   docs\/design\/math\/mul\.md  \(1 attempt, session \S+\)\n  drafted   docs\/design\/math\/sub\.md  \(1 attempt, session \S+\)\nnext: review the drafts together/);
    assert.match(readFileSync(join(repo.dir, 'docs/design/math/sub.md'), 'utf8'), /Subtracts/);
    const again = await cli(['generate', 'design', 'math', '--json'], repo.dir).done;
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual((JSON.parse(again.stdout) as { items: Array<{ outcome: string }> }).items.map((i) => i.outcome), ['skipped', 'skipped']);
  });

  test('SIGKILL mid-run: the same command again keeps the first design and resumes the interrupted session', async () => {
    const repo = contextProject();
    fake.queue({ content: draft('Multiplies') }, { content: draft('Subtracts'), delayMs: 5000 });
    const asked = fake.asks().length;
    const run = cli(['generate', 'design', 'math'], repo.dir);
    for (let i = 0; i < 400 && fake.asks().length < asked + 2; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(fake.asks().length, asked + 2, 'the second design was being asked');
    assert.ok(existsSync(join(repo.dir, 'docs/design/math/mul.md')));
    run.kill('SIGKILL');
    await run.done;
    fake.queue({ content: draft('Subtracts') });
    const again = await cli(['generate', 'design', 'math'], repo.dir).done;
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /  skipped   docs\/design\/math\/mul\.md/);
    assert.match(again.stdout, /  drafted   docs\/design\/math\/sub\.md/);
    const list = await cli(['session', 'list'], repo.dir).done;
    assert.equal(list.stdout.trim().split('\n').length, 2, `one session per design, the interrupted one resumed:\n${list.stdout}`);
    assert.doesNotMatch(list.stdout, /in-progress/);
  });

  test('an unknown context is a usage error naming the contexts; --dry-run sends nothing', async () => {
    const repo = contextProject();
    const r = await cli(['generate', 'design', 'web'], repo.dir).done;
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^designgate: web is neither a code file, a design document nor a context of docs\/architecture\.md \(its contexts: math\)/);
    const requests = fake.requests.length;
    const dry = await cli(['generate', 'design', 'math', '--dry-run'], repo.dir).done;
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /----- docs\/design\/math\/mul\.md: prompt -----\n# Design src\/math\/mul\.mjs/);
    assert.match(dry.stdout, /----- docs\/design\/math\/sub\.md: system -----/);
    assert.equal(fake.requests.length, requests);
  });
});

describe('designgate generate architecture', () => {
  const story = '---\nid: US-1\ntitle: Add\n---\nAs a user I want to add so that I can count.\n\n## Acceptance criteria\n- 2 + 3 is 5\n';
  const proposal = (serves: string[]) => JSON.stringify({ contexts: [{ name: 'math', owns: ['src/'], depends_on: [], serves, prose: 'Arithmetic.' }] });

  test('a draft from the stories (exit 0); then refused without --revise (exit 2)', async () => {
    const repo = project();
    repo.commit({ 'docs/stories/US-1.md': story }, 'a story');
    fake.queue({ content: proposal([]) }, { content: proposal(['US-1']) });
    const r = await cli(['generate', 'architecture'], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^wrote docs\/architecture\.md as a draft with 1 context \(math; 2 attempts, session \S+\)\nnext: review it, edit it, and have it approved: `designgate approve docs\/architecture\.md`\n$/);
    assert.match(readFileSync(join(repo.dir, 'docs/architecture.md'), 'utf8'), /^---\nstatus: draft\ncontexts:\n  math:\n    owns: \[src\/\]\n    depends_on: \[\]\n    stories: \[US-1\]\n    purpose: Arithmetic\.\n---\n/);
    const again = await cli(['generate', 'architecture'], repo.dir).done;
    assert.equal(again.status, 2);
    assert.match(again.stderr, /docs\/architecture\.md already exists as a draft; a session does not replace it unasked\n  fix: .*--revise/);
  });

  test('escalation exits 3 with the tree untouched; `session show` names the kind', async () => {
    const repo = project({ maxAttempts: 1 });
    const picture = pictureOf(repo.dir);
    fake.queue({ content: '{"contexts": []}' });
    const r = await cli(['generate', 'architecture'], repo.dir).done;
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /^designgate: no proposal for docs\/architecture\.md passed the architecture rules after 1 attempt; nothing was written/);
    assert.deepEqual(pictureOf(repo.dir), picture);
    const list = await cli(['session', 'list'], repo.dir).done;
    assert.match(list.stdout, /^\S+-architecture-\S+  architecture  escalated  docs\/architecture\.md/);
  });
});
