import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fakeOllamaPerFile } from '../../helpers/fake-ollama.js';
import type { TempRepo } from '../../helpers/repo.js';
import { GOOD, answer, approveByCommits, cli, designrc, makeCodeProject, pictureOf } from '../../helpers/code-project.js';

const repos: TempRepo[] = [];
const fake = fakeOllamaPerFile(() => repos.forEach((r) => r.cleanup()));

/** A project with a session interrupted after its write: the test command does not exist. */
async function interrupted(): Promise<{ repo: TempRepo; id: string; committed: Record<string, string> }> {
  const repo = makeCodeProject({ host: fake.url, testCommand: 'no-such-test-runner-xyz {test}' }, { 'docs/design/add.md': null, 'src/add.mjs': 'export const add = null;\n' });
  approveByCommits(repo, 'docs/design/add.md');
  repos.push(repo);
  const committed = pictureOf(repo.dir);
  fake.queue({ content: answer(GOOD) });
  const r = await cli(['generate', 'code', 'docs/design/add.md'], repo.dir).done;
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /the test command's program "no-such-test-runner-xyz" was not found/);
  const id = readdirSync(join(repo.dir, '.designgate/sessions')).find((n) => n.includes('-code-'))!;
  return { repo, id, committed };
}

describe('designgate session', () => {
  test('list: none yet, then each session with its status', async () => {
    const repo = makeCodeProject({ host: fake.url });
    repos.push(repo);
    const empty = await cli(['session', 'list'], repo.dir).done;
    assert.deepEqual(empty, { status: 0, stdout: 'no sessions yet\n', stderr: '' });
    const { repo: other, id } = await interrupted();
    const list = await cli(['session', 'list', '--json'], other.dir).done;
    assert.equal(list.status, 0);
    assert.deepEqual(JSON.parse(list.stdout).sessions.map((s: { id: string; status: string; kind: string }) => [s.id, s.kind, s.status]), [[id, 'code', 'in-progress']]);
  });

  test('show: the steps with their kept files, and how to go on', async () => {
    const { repo, id } = await interrupted();
    const r = await cli(['session', 'show', id], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^session ${id}: code docs/design/add\\.md, in-progress\\nmodel fake-coder:7b at http://127\\.0\\.0\\.1:\\d+, options \\{"temperature":0,"seed":7\\}, up to 3 attempts\\n`));
    assert.match(r.stdout, / 3\. ask \(attempt 1\): ok, \d+ ms {2}\[attempt-1\/prompt\.md, attempt-1\/response\.txt\]/);
    assert.match(r.stdout, /not finished: `designgate session resume \S+` continues it/);
    const json = JSON.parse((await cli(['session', 'show', id, '--json'], repo.dir).done).stdout);
    assert.equal(json.status, 'in-progress');
    assert.equal(json.steps.at(-1).name, 'write');
  });

  test('abort: the tree back as committed, the session ended', async () => {
    const { repo, id, committed } = await interrupted();
    assert.equal(readFileSync(join(repo.dir, 'src/add.mjs'), 'utf8'), GOOD.code);
    const r = await cli(['session', 'abort', id], repo.dir).done;
    assert.deepEqual(r, { status: 0, stdout: `aborted session ${id}; its files are as they were before it\n`, stderr: '' });
    assert.deepEqual(pictureOf(repo.dir), committed);
    const again = await cli(['session', 'resume', id], repo.dir).done;
    assert.equal(again.status, 2);
    assert.match(again.stderr, /has already ended \(aborted\)/);
  });

  test('resume: after fixing the setup problem, the session finishes', async () => {
    const { repo, id } = await interrupted();
    repo.write({ '.designrc.json': designrc({ host: fake.url }) });
    repo.git('commit', '-qm', 'a test command that exists', '--', '.designrc.json');
    const r = await cli(['session', 'resume', id], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /the tests pass \(1 attempt/);
  });

  test('E14: a hand-edited record is refused (exit 2), and listed as corrupt', async () => {
    const { repo, id } = await interrupted();
    const steps = join(repo.dir, '.designgate/sessions', id, 'steps.jsonl');
    writeFileSync(steps, readFileSync(steps, 'utf8').replace('"outcome":"ok"', '"outcome":"failed"'));
    const r = await cli(['session', 'resume', id], repo.dir).done;
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`^designgate: the record of session ${id} is corrupt or was edited, so it is not trusted: steps\\.jsonl line 1 does not match the hash chain\\n  fix: inspect`));
    const list = await cli(['session', 'list'], repo.dir).done;
    assert.match(list.stdout, new RegExp(`^${id}  corrupt  `));
  });

  test('an interrupted architecture session resumes, and another aborts, through the same verbs', async () => {
    const repo = makeCodeProject({ host: fake.url });
    repos.push(repo);
    const proposal = JSON.stringify({ contexts: [{ name: 'math', owns: ['src/'], depends_on: [], serves: [], prose: 'Arithmetic.' }] });
    fake.queue({ status: 500, error: 'runner crashed' });
    const failed = await cli(['generate', 'architecture'], repo.dir).done;
    assert.equal(failed.status, 2, failed.stderr);
    const id = readdirSync(join(repo.dir, '.designgate/sessions')).find((n) => n.includes('-architecture-'))!;
    fake.queue({ content: proposal });
    const r = await cli(['session', 'resume', id], repo.dir).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^wrote docs/architecture\\.md as a draft with 1 context \\(math; 1 attempt, session ${id}\\)`));

    const other = makeCodeProject({ host: fake.url });
    repos.push(other);
    fake.queue({ status: 500, error: 'runner crashed' });
    await cli(['generate', 'architecture'], other.dir).done;
    const stuck = readdirSync(join(other.dir, '.designgate/sessions')).find((n) => n.includes('-architecture-'))!;
    const aborted = await cli(['session', 'abort', stuck], other.dir).done;
    assert.deepEqual(aborted, { status: 0, stdout: `aborted session ${stuck}\n`, stderr: '' });
  });

  test('usage: a verb is needed; ids are checked', async () => {
    const repo = makeCodeProject({ host: fake.url });
    repos.push(repo);
    for (const args of [['session'], ['session', 'show'], ['session', 'list', 'x'], ['session', 'explode', 'x']]) {
      const r = await cli(args, repo.dir).done;
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^designgate: session needs a verb/);
    }
    const r = await cli(['session', 'show', '../../etc'], repo.dir).done;
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is not a session id/);
  });
});
