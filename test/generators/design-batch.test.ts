import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contextTargets, designOf, isComponentPath, runDesignBatch } from '../../generators/design-batch.js';
import type { DesignWorld, LintDesigns } from '../../generators/design-session.js';
import { SessionRecord, listSessions } from '../../generators/record.js';
import { lintFiles } from '../../lint-rules/run.js';
import { optionsFromConfig } from '../../lint-rules/support/options.js';
import { loadConfig } from '../../core/config/load.js';
import { fakeOllamaPerFile } from '../helpers/fake-ollama.js';
import { ADD_BODY, approvedDesign, designrc, makeCodeProject, sessionEnv } from '../helpers/code-project.js';
import { scratch, type TempRepo } from '../helpers/repo.js';

const temp = scratch();
const repos: TempRepo[] = [];
const fake = fakeOllamaPerFile(() => repos.forEach((r) => r.cleanup()));

const ARCH = '---\nstatus: draft\ncontexts:\n  math:\n    owns: [src/math/]\n    depends_on: []\n  io:\n    owns: [src/io/]\n    depends_on: [math]\n---\n# arch\n';

function project(options: { maxAttempts?: number } = {}, extra: Record<string, string | null> = {}): TempRepo {
  const rc = JSON.parse(designrc({ host: fake.url, ...options })) as Record<string, unknown>;
  const repo = makeCodeProject(
    { host: fake.url },
    {
      '.designrc.json': JSON.stringify({ ...rc, architecture: 'docs/architecture.md' }, null, 2),
      'docs/architecture.md': ARCH,
      'docs/design/add.md': null,
      'docs/design/math/add.md': approvedDesign('docs/design/math/add.md'),
      'src/math/add.mjs': 'export const add = (a, b) => a + b;\n',
      'src/math/sub.mjs': 'export const sub = (a, b) => a - b;\n',
      'src/math/mul.mjs': 'export const mul = (a, b) => a * b;\n',
      'src/io/print.mjs': 'export const print = (x) => console.log(x);\n',
      ...extra,
    },
  );
  repos.push(repo);
  return repo;
}

function linter(repo: TempRepo): LintDesigns {
  return async (files) => lintFiles(files, optionsFromConfig(loadConfig(join(repo.dir, '.designrc.json'))));
}
const world = (repo: TempRepo, extra: Partial<DesignWorld> = {}): DesignWorld => ({ lint: linter(repo), ...extra });
const good = (what: string) => `---\ntype: module\nstatus: draft\n---\n${ADD_BODY.replace('Adds two numbers', what)}`;
const env = sessionEnv();
const outcomes = (items: ReadonlyArray<{ outcome: string; designPath?: string }>) => items.map((i) => `${i.outcome} ${i.designPath ?? ''}`);

describe('generate design <context>', () => {
  test('the context\'s code files, in order; only those without a design are drafted, each in its own session', async () => {
    const repo = project();
    const { targets, architecture } = await contextTargets({ repoRoot: repo.dir, env, name: 'math' });
    assert.equal(architecture, 'docs/architecture.md');
    assert.deepEqual(targets, ['src/math/add.mjs', 'src/math/mul.mjs', 'src/math/sub.mjs']);
    fake.queue({ content: good('Multiplies') }, { content: good('Subtracts') });
    const result = await runDesignBatch({ repoRoot: repo.dir, env, targets }, world(repo));
    assert.equal(result.stopped, undefined);
    assert.deepEqual(outcomes(result.items), ['skipped docs/design/math/add.md', 'drafted docs/design/math/mul.md', 'drafted docs/design/math/sub.md']);
    assert.match(readFileSync(join(repo.dir, 'docs/design/math/mul.md'), 'utf8'), /^---\ntype: module\nstatus: draft\n---\n[\s\S]*Multiplies/);
    assert.match(readFileSync(join(repo.dir, 'docs/design/math/sub.md'), 'utf8'), /Subtracts/);
    assert.equal(readFileSync(join(repo.dir, 'docs/design/math/add.md'), 'utf8'), approvedDesign('docs/design/math/add.md'));
    assert.equal(existsSync(join(repo.dir, 'docs/design/io/print.md')), false);
    const sessions = await listSessions(repo.dir);
    assert.deepEqual(sessions.map((s) => s.meta?.component).sort(), ['docs/design/math/mul.md', 'docs/design/math/sub.md']);
  });

  test('--revise redrafts the approved design too; the result is a draft', async () => {
    const repo = project();
    fake.queue({ content: good('Adds, revised') }, { content: good('Multiplies') }, { content: good('Subtracts') });
    const { targets } = await contextTargets({ repoRoot: repo.dir, env, name: 'math' });
    const result = await runDesignBatch({ repoRoot: repo.dir, env, targets, revise: true }, world(repo));
    assert.deepEqual(outcomes(result.items), ['drafted docs/design/math/add.md', 'drafted docs/design/math/mul.md', 'drafted docs/design/math/sub.md']);
    const add = readFileSync(join(repo.dir, 'docs/design/math/add.md'), 'utf8');
    assert.match(add, /status: draft/);
    assert.doesNotMatch(add, /approval/);
  });

  test('one design escalating does not stop the others', async () => {
    const repo = project({ maxAttempts: 1 });
    fake.queue({ content: 'no frontmatter' }, { content: good('Subtracts') });
    const result = await runDesignBatch({ repoRoot: repo.dir, env, targets: ['src/math/mul.mjs', 'src/math/sub.mjs'] }, world(repo));
    assert.deepEqual(outcomes(result.items), ['escalated docs/design/math/mul.md', 'drafted docs/design/math/sub.md']);
    const escalated = result.items[0]!;
    assert.ok(escalated.outcome === 'escalated');
    assert.ok(existsSync(join(repo.dir, escalated.report)));
    assert.equal(existsSync(join(repo.dir, 'docs/design/math/mul.md')), false);
  });

  test('killed mid-run: running it again skips what was drafted and resumes the interrupted session without asking again', async () => {
    const repo = project();
    fake.queue({ content: good('Multiplies') }, { content: good('Subtracts') });
    const dyingOnSub: DesignWorld['writeFile'] = async (path, data, options) => {
      if (path.endsWith('sub.md')) throw Object.assign(new Error('killed'), { code: 'EKILLED' });
      const { writeFileAtomic } = await import('../../core/fs-atomic.js');
      return writeFileAtomic(path, data, options);
    };
    const targets = ['src/math/mul.mjs', 'src/math/sub.mjs'];
    const first = await runDesignBatch({ repoRoot: repo.dir, env, targets }, world(repo, { writeFile: dyingOnSub }));
    assert.deepEqual(outcomes(first.items), ['drafted docs/design/math/mul.md']);
    assert.equal(first.stopped?.codePath, 'src/math/sub.mjs');
    assert.match(first.stopped!.error.message, /could not write docs\/design\/math\/sub\.md/);
    const asked = fake.asks().length;
    const second = await runDesignBatch({ repoRoot: repo.dir, env, targets }, world(repo));
    assert.deepEqual(outcomes(second.items), ['skipped docs/design/math/mul.md', 'drafted docs/design/math/sub.md']);
    assert.equal(second.items[1]!.outcome === 'drafted' && second.items[1]!.resumed, true);
    assert.equal(fake.asks().length, asked);
    assert.match(readFileSync(join(repo.dir, 'docs/design/math/sub.md'), 'utf8'), /Subtracts/);
    assert.equal((await listSessions(repo.dir)).length, 2);
  });

  test('a context that does not exist, or no architecture, is a usage error naming what exists', async () => {
    const repo = project();
    await assert.rejects(contextTargets({ repoRoot: repo.dir, env, name: 'web' }), /web is neither a code file, a design document nor a context of docs\/architecture\.md \(its contexts: math, io\)/);
    const bare = project({}, { 'docs/architecture.md': null });
    await assert.rejects(contextTargets({ repoRoot: bare.dir, env, name: 'math' }), /there is no docs\/architecture\.md whose contexts it could name/);
    const empty = project({}, { 'src/io/print.mjs': null });
    await assert.rejects(contextTargets({ repoRoot: empty.dir, env, name: 'io' }), /context io owns no code file yet \(src\/io\/\)/);
  });

  test('isComponentPath and designOf follow the mapping', () => {
    const repo = project();
    assert.equal(isComponentPath(repo.dir, 'src/math/add.mjs'), true);
    assert.equal(isComponentPath(repo.dir, 'docs/design/math/add.md'), true);
    assert.equal(isComponentPath(repo.dir, 'math'), false);
    assert.equal(designOf(repo.dir, 'src/math/sub.mjs'), 'docs/design/math/sub.md');
    assert.equal(designOf(repo.dir, 'README.md'), undefined);
  });
});

describe('reverse designs (adopt --draft)', () => {
  test('drafts from the code with the reverse-design prompt; an existing design is never replaced, even with revise; missing and unmapped code is refused', async () => {
    const repo = project();
    const before = fake.asks().length;
    fake.queue({ content: good('Subtracts') });
    const targets = ['src/math/add.mjs', 'src/math/sub.mjs', 'src/math/nope.mjs', 'README.md'];
    const result = await runDesignBatch({ repoRoot: repo.dir, env, targets, reverse: true, revise: true }, world(repo));
    assert.deepEqual(outcomes(result.items), ['skipped docs/design/math/add.md', 'drafted docs/design/math/sub.md', 'refused docs/design/math/nope.md', 'refused ']);
    assert.match((result.items[2] as { message: string }).message, /src\/math\/nope\.mjs does not exist/);
    assert.match((result.items[3] as { message: string }).message, /README\.md is neither a code file nor a design document/);
    assert.equal(fake.asks().length, before + 1);
    const messages = fake.asks()[before]!.body!['messages'] as Array<{ content: string }>;
    assert.match(messages[0]!.content, /design document of a component that already exists, from its code/);
    assert.match(messages[1]!.content, /<<<BEGIN src\/math\/sub\.mjs [0-9a-f]{8}>>>\nexport const sub/);
    assert.equal(readFileSync(join(repo.dir, 'docs/design/math/add.md'), 'utf8'), approvedDesign('docs/design/math/add.md'));
    const record = await SessionRecord.open(repo.dir, (result.items[1] as { sessionId: string }).sessionId);
    assert.equal(record.meta.params['reverse'], true);
  });

  test('confinement: a design folder that is a link out of the repository is refused and nothing is written there', async () => {
    const outside = temp.tempDir();
    const repo = project();
    symlinkSync(outside, join(repo.dir, 'docs/design/io'));
    const requests = fake.requests.length;
    const result = await runDesignBatch({ repoRoot: repo.dir, env, targets: ['src/io/print.mjs'], reverse: true }, world(repo));
    assert.deepEqual(outcomes(result.items), ['refused docs/design/io/print.md']);
    assert.match((result.items[0] as { message: string }).message, /docs\/design\/io\/print\.md/);
    assert.deepEqual(readdirSync(outside), []);
    assert.equal(fake.requests.length, requests);
  });
});
