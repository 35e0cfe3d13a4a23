import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  abortArchitectureSession,
  codeLayout,
  dryRunArchitectureSession,
  resumeArchitectureSession,
  startArchitectureSession,
  type ArchitectureWorld,
} from '../../generators/architecture-session.js';
import { SessionRecord, listSessions } from '../../generators/record.js';
import { readArchitecture } from '../../core/architecture/reader.js';
import { isDesignGateError } from '../../core/errors.js';
import { fakeOllamaPerFile } from '../helpers/fake-ollama.js';
import { approvedDesign, makeCodeProject, pictureOf, sessionEnv } from '../helpers/code-project.js';
import type { TempRepo } from '../helpers/repo.js';

const repos: TempRepo[] = [];
const fake = fakeOllamaPerFile(() => repos.forEach((r) => r.cleanup()));

const story = (id: string, title: string) =>
  `---\nid: ${id}\ntitle: ${title}\n---\nAs a user I want to ${title.toLowerCase()} so that I can count.\n\n## Acceptance criteria\n- it works\n`;

function project(extra: Record<string, string | null> = {}, options: { maxAttempts?: number } = {}): TempRepo {
  const repo = makeCodeProject(
    { host: fake.url, ...options },
    {
      'src/add.mjs': 'export const add = (a, b) => a + b;\n',
      'src/sub.mjs': 'export const sub = (a, b) => a - b;\n',
      'src/io/print.mjs': 'export const print = (x) => console.log(x);\n',
      'docs/stories/US-1.md': story('US-1', 'Add numbers'),
      'docs/stories/US-2.md': story('US-2', 'Print results'),
      ...extra,
    },
  );
  repos.push(repo);
  return repo;
}

const world = (extra: Partial<ArchitectureWorld> = {}): ArchitectureWorld => ({ ...extra });
const request = (repo: TempRepo, extra: { revise?: boolean } = {}) => ({ repoRoot: repo.dir, env: sessionEnv(), ...extra });
const ctx = (name: string, owns: string[], depends_on: string[], serves: string[]) => ({ name, owns, depends_on, serves, prose: `The ${name} context. More words.` });
const good = JSON.stringify({ contexts: [ctx('math', ['src/'], ['io'], ['US-1']), ctx('io', ['lib/io/'], [], ['US-2'])] });
const userPrompt = (i: number) => (fake.asks()[i]!.body!['messages'] as Array<{ content: string }>)[1]!.content;

describe('generate architecture', () => {
  test('first attempt green: the tool renders the draft from the proposed contexts; the model got the schema, stories and folders', async () => {
    const repo = project();
    const before = fake.asks().length;
    fake.queue({ content: good });
    const result = await startArchitectureSession(request(repo), world());
    assert.deepEqual({ ...result, sessionId: '' }, { status: 'succeeded', sessionId: '', architecturePath: 'docs/architecture.md', attempts: 1, contexts: ['math', 'io'], replaced: false });
    const text = readFileSync(join(repo.dir, 'docs/architecture.md'), 'utf8');
    const read = readArchitecture(text, 'docs/architecture.md', 'error');
    assert.equal(read.architecture?.state, 'draft');
    assert.deepEqual(read.architecture?.contexts.map((c) => [c.name, c.owns, c.dependsOn, c.stories]), [['math', ['src/'], ['io'], ['US-1']], ['io', ['lib/io/'], [], ['US-2']]]);
    const ask = fake.asks()[before]!;
    assert.deepEqual((ask.body!['format'] as { required: string[] }).required, ['contexts']);
    const prompt = userPrompt(before);
    assert.match(prompt, /<<<BEGIN docs\/stories\/US-1\.md [0-9a-f]{8}>>>\n---\nid: US-1/);
    assert.match(prompt, /- src\/ \(2 code files\)\n- src\/io\/ \(1 code file\)/);
    assert.match(prompt, /Attempt 1 of 3/);
  });

  test('an invalid proposal goes back with the rule messages; the valid retry is written', async () => {
    const repo = project();
    const before = fake.asks().length;
    const overlapping = JSON.stringify({ contexts: [ctx('math', ['src/'], ['io'], ['US-1']), ctx('io', ['src/io/'], ['math'], [])] });
    fake.queue({ content: overlapping }, { content: good });
    const result = await startArchitectureSession(request(repo), world());
    assert.equal(result.attempts, 2);
    const second = userPrompt(before + 1);
    assert.match(second, /\[architecture-overlap\]/);
    assert.match(second, /\[architecture-cycle\]/);
    assert.match(second, /US-2.*\[story-unserved\]/);
    assert.ok(existsSync(join(repo.dir, 'docs/architecture.md')));
  });

  test('escalation after maxAttempts: exit-3 error, the report, and the tree untouched', async () => {
    const repo = project({}, { maxAttempts: 2 });
    const picture = pictureOf(repo.dir);
    fake.queue({ content: 'not json' }, { content: JSON.stringify({ contexts: [ctx('math', ['src/'], ['nowhere'], ['US-1', 'US-2'])] }) });
    await assert.rejects(startArchitectureSession(request(repo), world()), (e: unknown) => {
      assert.ok(isDesignGateError(e));
      assert.equal(e.code, 'ESCALATED');
      assert.match(e.message, /no proposal for docs\/architecture\.md passed the architecture rules after 2 attempts/);
      return true;
    });
    assert.deepEqual(pictureOf(repo.dir), picture);
    const record = await SessionRecord.open(repo.dir, (await listSessions(repo.dir))[0]!.id);
    assert.equal(record.meta.kind, 'architecture');
    const report = readFileSync(join(record.dir, 'escalation.md'), 'utf8');
    assert.match(report, /the answer is not JSON/);
    assert.match(report, /\[architecture-unknown-context\]/);
  });

  test('an existing architecture is refused before the model is asked; --revise replaces even an approved one with a draft', async () => {
    const approved = approvedDesign('docs/architecture.md', '\n# arch\n', 'contexts:\n  lib:\n    owns: [src/]\n');
    const repo = project({ 'docs/architecture.md': approved });
    const requests = fake.requests.length;
    await assert.rejects(startArchitectureSession(request(repo), world()), /docs\/architecture\.md already exists and is approved; a session does not replace it unasked/);
    assert.equal(fake.requests.length, requests);
    assert.equal(readFileSync(join(repo.dir, 'docs/architecture.md'), 'utf8'), approved);
    const drafted = project({ 'docs/architecture.md': '---\nstatus: draft\ncontexts:\n  lib:\n    owns: [src/]\n---\n' });
    await assert.rejects(startArchitectureSession(request(drafted), world()), /already exists as a draft/);

    fake.queue({ content: good });
    const before = fake.asks().length;
    const result = await startArchitectureSession(request(repo, { revise: true }), world());
    assert.equal(result.replaced, true);
    const text = readFileSync(join(repo.dir, 'docs/architecture.md'), 'utf8');
    assert.doesNotMatch(text, /approval/);
    assert.equal(readArchitecture(text, 'docs/architecture.md', 'error').architecture?.state, 'draft');
    assert.match(userPrompt(before), /<<<BEGIN docs\/architecture\.md [0-9a-f]{8}>>>\n---\ncontexts:/);
  });

  test('dry run: the prompt and its estimate, no request to the model', async () => {
    const repo = project();
    const requests = fake.requests.length;
    const dry = await dryRunArchitectureSession(request(repo), world());
    assert.equal(dry.architecturePath, 'docs/architecture.md');
    assert.match(dry.prompt, /US-2/);
    assert.match(dry.system, /JSON object/);
    assert.ok(dry.tokens > 100);
    assert.equal(fake.requests.length, requests);
  });

  test('interrupted before its write and resumed: the checked proposal is written without asking again; abort leaves the tree', async () => {
    const repo = project();
    fake.queue({ content: good });
    const dying: ArchitectureWorld['writeFile'] = async () => {
      throw Object.assign(new Error('killed'), { code: 'EKILLED' });
    };
    await assert.rejects(startArchitectureSession(request(repo), world({ writeFile: dying })), /could not write docs\/architecture\.md/);
    const record = await SessionRecord.open(repo.dir, (await listSessions(repo.dir))[0]!.id);
    const asked = fake.asks().length;
    const result = await resumeArchitectureSession(record, request(repo), world());
    assert.equal(result.attempts, 1);
    assert.equal(fake.asks().length, asked);
    assert.ok(existsSync(join(repo.dir, 'docs/architecture.md')));

    const other = project();
    const picture = pictureOf(other.dir);
    fake.queue({ status: 500, error: 'runner crashed' });
    await assert.rejects(startArchitectureSession(request(other), world()), /HTTP 500/);
    const stuck = await SessionRecord.open(other.dir, (await listSessions(other.dir))[0]!.id);
    await abortArchitectureSession(stuck, { repoRoot: other.dir });
    assert.equal((await SessionRecord.open(other.dir, stuck.id)).status, 'aborted');
    assert.deepEqual(pictureOf(other.dir), picture);
  });
});

describe('codeLayout', () => {
  test('folders of mapped code files with counts; designs, tests and other files are not code', () => {
    const config = { components: [{ code: 'src/{path}.mjs', design: 'docs/design/{path}.md', test: 'test/{path}.test.mjs' }] } as Parameters<typeof codeLayout>[0];
    assert.equal(codeLayout(config, ['src/a.mjs', 'src/b/c.mjs', 'docs/design/a.md', 'test/a.test.mjs', 'README.md']), '- src/ (1 code file)\n- src/b/ (1 code file)');
    assert.equal(codeLayout(config, ['README.md']), '(no code files yet)');
  });
});
