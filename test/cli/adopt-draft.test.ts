import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../../cli/command.js';
import { runAdoptDraft } from '../../cli/adopt-draft.js';
import { isDesignGateError } from '../../core/errors.js';
import { fakeOllamaPerFile } from '../helpers/fake-ollama.js';
import { ADD_BODY, approvedDesign, makeCodeProject, pictureOf, sessionEnv } from '../helpers/code-project.js';
import { scratch, type TempRepo } from '../helpers/repo.js';

const temp = scratch();
const repos: TempRepo[] = [];
const fake = fakeOllamaPerFile(() => repos.forEach((r) => r.cleanup()));

/** A brownfield project: code without designs, and one file that already has an approved design. */
function brownfield(options: { maxAttempts?: number } = {}): TempRepo {
  const repo = makeCodeProject(
    { host: fake.url, ...options },
    {
      'src/add.mjs': 'export const add = (a, b) => a + b;\n',
      'src/sub.mjs': 'export const sub = (a, b) => a - b;\n',
      'src/lib/mul.mjs': 'export const mul = (a, b) => a * b;\n',
    },
  );
  repos.push(repo);
  return repo;
}

function io(cwd: string): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd, env: sessionEnv(), color: false, readStdin: async () => '', stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), out, err };
}

const draft = (what: string) => `---\ntype: module\nstatus: draft\n---\n${ADD_BODY.replace('Adds two numbers', what)}`;

describe('runAdoptDraft (adopt --draft)', () => {
  test('drafts the designs of code files without one, from their code; an existing design is skipped and untouched; exit 0', async () => {
    const repo = brownfield();
    const before = fake.asks().length;
    fake.queue({ content: draft('Subtracts') }, { content: draft('Multiplies') });
    const out = io(repo.dir);
    const code = await runAdoptDraft(out, ['src/add.mjs', 'src/sub.mjs', 'src/lib/mul.mjs']);
    assert.equal(code, 0, out.err.join(''));
    assert.match(
      out.out.join(''),
      /^adopt --draft: 3 designs\n  skipped   docs\/design\/add\.md  a design exists; adopt --draft never replaces one\n  drafted   docs\/design\/sub\.md  \(1 attempt, session \S+\)\n  drafted   docs\/design\/lib\/mul\.md  \(1 attempt, session \S+\)\nnext: review the drafts together/,
    );
    assert.equal(readFileSync(join(repo.dir, 'docs/design/add.md'), 'utf8'), approvedDesign('docs/design/add.md'));
    assert.match(readFileSync(join(repo.dir, 'docs/design/lib/mul.md'), 'utf8'), /^---\ntype: module\nstatus: draft\n---\n[\s\S]*Multiplies/);
    const system = (fake.asks()[before]!.body!['messages'] as Array<{ content: string }>)[0]!.content;
    assert.match(system, /from its code/);
    assert.equal(out.err.join(''), '', 'quiet when not on a terminal');
  });

  test('paths are relative to the working folder; a missing or unmapped file is refused (exit 2) while the rest is drafted', async () => {
    const repo = brownfield();
    fake.queue({ content: draft('Multiplies') });
    const out = io(join(repo.dir, 'src'));
    const code = await runAdoptDraft(out, ['lib/mul.mjs', 'gone.mjs', '../README.md']);
    assert.equal(code, 2);
    const text = out.out.join('');
    assert.match(text, /  drafted   docs\/design\/lib\/mul\.md/);
    assert.match(text, /  refused   docs\/design\/gone\.md  src\/gone\.mjs does not exist, so there is no code to describe/);
    assert.match(text, /  refused   README\.md  README\.md is neither a code file nor a design document/);
    assert.equal(existsSync(join(repo.dir, 'docs/design/gone.md')), false);
  });

  test('a design that escalates exits 3; --json gives the items; the tree has no half-written design', async () => {
    const repo = brownfield({ maxAttempts: 1 });
    const picture = pictureOf(repo.dir);
    fake.queue({ content: 'I cannot describe this code.' });
    const out = io(repo.dir);
    const code = await runAdoptDraft(out, ['src/sub.mjs'], { json: true });
    assert.equal(code, 3);
    const result = JSON.parse(out.out.join('')) as { items: Array<{ outcome: string; report: string }> };
    assert.equal(result.items[0]!.outcome, 'escalated');
    assert.ok(existsSync(join(repo.dir, result.items[0]!.report)));
    assert.deepEqual(pictureOf(repo.dir), picture);
  });

  test('--dry-run prints each prompt with the code as data, contacts nothing, writes nothing', async () => {
    const repo = brownfield();
    const requests = fake.requests.length;
    const out = io(repo.dir);
    assert.equal(await runAdoptDraft(out, ['src/add.mjs', 'src/sub.mjs'], { dryRun: true }), 0);
    const text = out.out.join('');
    assert.match(text, /  skipped   docs\/design\/add\.md/);
    assert.match(text, /----- docs\/design\/sub\.md: prompt -----\n# Design of the existing code src\/sub\.mjs/);
    assert.match(text, /<<<BEGIN src\/sub\.mjs [0-9a-f]{8}>>>\nexport const sub/);
    assert.equal(fake.requests.length, requests);
    assert.equal(existsSync(join(repo.dir, '.designgate')), false);
  });

  test('a setup problem stops the run and is thrown (exit 2 by its code); outside a repository is a GIT error', async () => {
    const repo = brownfield();
    fake.queue({ status: 404, error: "model 'fake-coder:7b' not found" });
    const out = io(repo.dir);
    await assert.rejects(runAdoptDraft(out, ['src/sub.mjs', 'src/lib/mul.mjs']), (e: unknown) => isDesignGateError(e) && e.code !== 'ESCALATED');
    assert.match(out.out.join(''), /  stopped   src\/sub\.mjs  stopped at src\/sub\.mjs; the designs above are kept, and running the same command again resumes/);
    const lonely = temp.tempDir();
    await assert.rejects(runAdoptDraft(io(lonely), ['a.mjs']), (e: unknown) => isDesignGateError(e) && e.code === 'GIT');
  });
});
