import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { abortDesignSession, asDraft, dryRunDesignSession, resumeDesignSession, startDesignSession, type DesignWorld, type LintDesigns } from '../../generators/design-session.js';
import { SessionRecord, listSessions } from '../../generators/record.js';
import { lintFiles } from '../../lint-rules/run.js';
import { optionsFromConfig } from '../../lint-rules/support/options.js';
import { loadConfig } from '../../core/config/load.js';
import { isDesignGateError } from '../../core/errors.js';
import { fakeOllamaPerFile } from '../helpers/fake-ollama.js';
import { ADD_BODY, approvedDesign, makeCodeProject, pictureOf, sessionEnv } from '../helpers/code-project.js';
import type { TempRepo } from '../helpers/repo.js';

const repos: TempRepo[] = [];
const fake = fakeOllamaPerFile(() => repos.forEach((r) => r.cleanup()));

function project(extra: Record<string, string | null> = {}, options: { maxAttempts?: number } = {}): TempRepo {
  const repo = makeCodeProject({ host: fake.url, ...options }, { 'src/sub.mjs': 'export const sub = (a, b) => a - b;\n', ...extra });
  repos.push(repo);
  return repo;
}

/** The real design lint rules over the repository's own config. */
function linter(repo: TempRepo): LintDesigns {
  return async (files) => {
    const config = loadConfig(join(repo.dir, '.designrc.json'));
    return lintFiles(files, optionsFromConfig(config));
  };
}

const world = (repo: TempRepo, extra: Partial<DesignWorld> = {}): DesignWorld => ({ lint: linter(repo), ...extra });
const request = (repo: TempRepo, extra: { revise?: boolean; target?: string } = {}) => ({ repoRoot: repo.dir, env: sessionEnv(), target: 'src/sub.mjs', ...extra });
const good = (status = 'draft') => `---\ntype: module\nstatus: ${status}\n---\n${ADD_BODY.replace('Adds', 'Subtracts')}`;

describe('asDraft (F5)', () => {
  test('status becomes draft, approval goes, comments and order stay', () => {
    const out = asDraft('---\ntype: module # kind\nstatus: approved\napproval:\n  digest: sha256:00\n  by: [M <m@x.io>]\n---\nbody\n', 'module', 'd.md');
    assert.deepEqual(out, { text: '---\ntype: module # kind\nstatus: draft\n---\nbody\n' });
  });
  test('a missing type is filled in; a document without frontmatter is a failure, not repaired', () => {
    assert.deepEqual(asDraft('---\nstatus: draft\n---\nb\n', 'service', 'd.md'), { text: '---\nstatus: draft\ntype: service\n---\nb\n' });
    assert.ok('error' in asDraft('```markdown\n---\nstatus: draft\n---\n```', 'module', 'd.md'));
    assert.ok('error' in asDraft('---\n: [\n---\n', 'module', 'd.md'));
  });
});

describe('generate design', () => {
  test('F5: a new design is written as a draft even when the model claims approval', async () => {
    const repo = project();
    fake.queue({ content: `${good('approved')}`.replace('status: approved\n', 'status: approved\napproval:\n  digest: sha256:00\n  by: [M <m@x.io>]\n  at: 2026-01-01T00:00:00Z\n') });
    const result = await startDesignSession(request(repo), world(repo));
    assert.deepEqual({ ...result, sessionId: '' }, { status: 'succeeded', sessionId: '', designPath: 'docs/design/sub.md', attempts: 1, writtenTo: 'docs/design/sub.md', replacedDraft: false });
    const text = readFileSync(join(repo.dir, 'docs/design/sub.md'), 'utf8');
    assert.match(text, /^---\ntype: module\nstatus: draft\n---\n/);
    assert.doesNotMatch(text, /approval/);
  });

  test('lint errors go back to the model; after maxAttempts it escalates and writes nothing', async () => {
    const repo = project({}, { maxAttempts: 2 });
    const picture = pictureOf(repo.dir);
    fake.queue({ content: '---\ntype: module\nstatus: draft\n---\n## Purpose\nx\n' }, { content: 'not a document' });
    await assert.rejects(startDesignSession(request(repo), world(repo)), (e: unknown) => {
      assert.ok(isDesignGateError(e));
      assert.equal(e.code, 'ESCALATED');
      assert.match(e.message, /no draft of docs\/design\/sub\.md passed the lint rules after 2 attempts/);
      return true;
    });
    assert.deepEqual(pictureOf(repo.dir), picture);
    const second = (fake.asks().at(-1)!.body!['messages'] as Array<{ content: string }>)[1]!.content;
    assert.match(second, /required-sections/);
    const record = await SessionRecord.open(repo.dir, (await listSessions(repo.dir))[0]!.id);
    assert.match(readFileSync(join(record.dir, 'escalation.md'), 'utf8'), /does not start with YAML frontmatter/);
  });

  test('E6: an approved design is refused without --revise; a person\'s draft is never overwritten', async () => {
    const repo = project({ 'docs/design/sub.md': approvedDesign('docs/design/sub.md') });
    await assert.rejects(startDesignSession(request(repo), world(repo)), /is an approved design; a session does not replace it unasked/);
    const drafted = project({ 'docs/design/sub.md': '---\ntype: module\nstatus: draft\n---\n## Purpose\nmine\n' });
    fake.queue({ content: good() });
    const result = await startDesignSession(request(drafted), world(drafted));
    assert.match(result.writtenTo, /^\.designgate\/sessions\/\S+\/proposed\.md$/);
    assert.match(readFileSync(join(drafted.dir, 'docs/design/sub.md'), 'utf8'), /mine/);
    assert.match(readFileSync(join(drafted.dir, result.writtenTo), 'utf8'), /Subtracts/);
  });

  test('an architecture that owns no context for the code refuses before the model is asked', async () => {
    const repo = project({
      '.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.mjs', design: 'docs/design/{path}.md', test: 'test/{path}.test.mjs' }], architecture: 'docs/architecture.md', generator: { host: fake.url, model: 'fake-coder:7b' } }),
      'docs/architecture.md': '---\nstatus: draft\ncontexts:\n  lib:\n    owns: [lib/]\n    depends_on: []\n---\n# arch\n',
    });
    const requests = fake.requests.length;
    await assert.rejects(startDesignSession(request(repo), world(repo)), /no context of docs\/architecture\.md owns src\/sub\.mjs/);
    assert.equal(fake.requests.length, requests);
  });

  test('dry run: the prompt shows the code, the sections and the architecture context', async () => {
    const repo = project({
      '.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.mjs', design: 'docs/design/{path}.md', test: 'test/{path}.test.mjs' }], architecture: 'docs/architecture.md', generator: { host: fake.url, model: 'fake-coder:7b' } }),
      'docs/architecture.md': '---\nstatus: draft\ncontexts:\n  lib:\n    owns: [src/]\n    depends_on: []\n    stories: [US-1]\n    purpose: Arithmetic.\n---\n# arch\n',
      'docs/stories/US-1.md': '---\nid: US-1\ntitle: Subtract\n---\nAs a user I want to subtract so that I can count.\n\n## Acceptance criteria\n- 3 - 2 is 1\n',
    });
    const requests = fake.requests.length;
    const dry = await dryRunDesignSession(request(repo), world(repo));
    assert.match(dry.prompt, /## The stories its context serves\n\n<<<BEGIN docs\/stories\/US-1\.md [0-9a-f]{8}>>>\n---\nid: US-1/);
    assert.match(dry.prompt, /## The public API of the designs it depends on\n\n\(none yet/);
    assert.match(dry.prompt, /<<<BEGIN src\/sub\.mjs [0-9a-f]{8}>>>\nexport const sub/);
    assert.match(dry.prompt, /lib:\n  owns: \[src\/\]\n  depends_on: \[\]\n  stories: \[US-1\]\n  purpose: Arithmetic\./);
    assert.match(dry.prompt, /- Purpose: /);
    assert.ok(dry.tokens > 50);
    assert.equal(fake.requests.length, requests);
  });

  test('interrupted before its write, then resumed: the recorded draft is written', async () => {
    const repo = project();
    fake.queue({ content: good() });
    const dying: DesignWorld['writeFile'] = async () => {
      throw Object.assign(new Error('killed'), { code: 'EKILLED' });
    };
    await assert.rejects(startDesignSession(request(repo), world(repo, { writeFile: dying })), /could not write docs\/design\/sub\.md/);
    assert.equal(existsSync(join(repo.dir, 'docs/design/sub.md')), false);
    const record = await SessionRecord.open(repo.dir, (await listSessions(repo.dir))[0]!.id);
    const asked = fake.asks().length;
    const result = await resumeDesignSession(record, { repoRoot: repo.dir, env: sessionEnv() }, world(repo));
    assert.equal(result.writtenTo, 'docs/design/sub.md');
    assert.equal(fake.asks().length, asked);
  });

  test('reverse design: refuses an existing design even with --revise, and code that is not there, before asking the model', async () => {
    const repo = project({ 'docs/design/sub.md': '---\ntype: module\nstatus: draft\n---\n## Purpose\nmine\n' });
    const requests = fake.requests.length;
    await assert.rejects(startDesignSession({ ...request(repo, { revise: true }), reverse: true }, world(repo)), /docs\/design\/sub\.md exists; a reverse design never replaces a design/);
    await assert.rejects(startDesignSession({ ...request(repo, { target: 'src/mul.mjs' }), reverse: true }, world(repo)), /src\/mul\.mjs does not exist, so there is no code to describe/);
    assert.equal(fake.requests.length, requests);
    assert.match(readFileSync(join(repo.dir, 'docs/design/sub.md'), 'utf8'), /mine/);
  });

  test('reverse design: the reverse prompts, recorded so that a resume uses them again', async () => {
    const repo = project();
    const dry = await dryRunDesignSession({ ...request(repo), reverse: true }, world(repo));
    assert.match(dry.system, /design document of a component that already exists, from its code/);
    assert.match(dry.prompt, /^# Design of the existing code src\/sub\.mjs/);
    fake.queue({ status: 500, error: 'runner crashed' });
    await assert.rejects(startDesignSession({ ...request(repo), reverse: true }, world(repo)), /HTTP 500/);
    const record = await SessionRecord.open(repo.dir, (await listSessions(repo.dir))[0]!.id);
    assert.equal(record.meta.params['reverse'], true);
    const before = fake.asks().length;
    fake.queue({ content: good() });
    await resumeDesignSession(record, { repoRoot: repo.dir, env: sessionEnv() }, world(repo));
    const system = (fake.asks()[before]!.body!['messages'] as Array<{ content: string }>)[0]!.content;
    assert.match(system, /from its code/);
  });

  test('abort ends a design session without touching the tree', async () => {
    const repo = project();
    const picture = pictureOf(repo.dir);
    fake.queue({ status: 500, error: 'model runner crashed' });
    await assert.rejects(startDesignSession(request(repo), world(repo)), /Ollama answered HTTP 500: model runner crashed/);
    const record = await SessionRecord.open(repo.dir, (await listSessions(repo.dir))[0]!.id);
    await abortDesignSession(record, { repoRoot: repo.dir });
    assert.equal((await SessionRecord.open(repo.dir, record.id)).status, 'aborted');
    assert.deepEqual(pictureOf(repo.dir), picture);
  });
});
