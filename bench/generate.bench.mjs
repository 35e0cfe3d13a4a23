// Generation sessions (issue 7): (1) the orchestration overhead of one code-session attempt
// beyond the model's and the test command's own time — prompt building, schema check, atomic
// writes, the work-tree guard, the hash-chained record — goal ≤ 50 ms; (2) the prompt a session
// sends for one component against putting the whole design folder in the context.
// Runs the built library (dist/) against an in-process Ollama-compatible server on 127.0.0.1.
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync, rmSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir, git, gitEnv } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// DESIGNGATE_BENCH_DIST lets a build in another folder be measured without touching dist/.
const dist = process.env.DESIGNGATE_BENCH_DIST ?? join(root, 'dist');
const load = (p) => import(pathToFileURL(join(dist, p)).href);

const BAD = JSON.stringify({
  code: 'export function add(a, b) {\n  return a - b;\n}\n',
  test: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from '../src/m0.mjs';\ntest('adds', () => { assert.equal(add(2, 3), 5); });\n",
});

/** The smallest Ollama that answers every chat with `BAD` (so every attempt fails and the next runs). */
async function fakeOllama() {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    const json = (v) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify(v)));
    if (req.url === '/api/version') return json({ version: '0.12.0' });
    if (req.url === '/api/show') return json({ model_info: { 'qwen2.context_length': 131072 }, parameters: '' });
    const request = JSON.parse(body || '{}');
    if (req.url === '/api/generate') return json({ model: request.model, response: '', done: true, done_reason: 'load' });
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write(`${JSON.stringify({ model: request.model, message: { role: 'assistant', content: BAD }, done: false })}\n`);
    res.end(`${JSON.stringify({ model: request.model, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 100, eval_count: 50 })}\n`);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const BODY = (i, deps) =>
  `\n## Purpose\nModule ${i} ${'does one careful thing with its inputs and reports every failure. '.repeat(12)}\n\n` +
  `## Public API\n- \`m${i}(input: Input${i}): Output${i}\` returns the result for one input.\n- \`M${i}_LIMIT: number\`\n\n` +
  `## Dependencies\n${deps.map((d) => `- m${d}: for its result.`).join('\n') || 'None.'}\n\n` +
  `## Test Scenarios\n${Array.from({ length: 8 }, (_, k) => `- scenario ${k} of module ${i}: given a case, the result is as specified.`).join('\n')}\n`;

/** A repository of `n` approved designs, each depending on up to three earlier ones, plus `extra` plain files. */
async function makeRepo(n, extra, host, maxAttempts) {
  const { designDigest } = await load('core/digest.js');
  const dir = tempDir('designgate-bench-generate-');
  git(dir, 'init', '-q', '-b', 'main');
  const write = (p, t) => (mkdirSync(join(dir, p, '..'), { recursive: true }), writeFileSync(join(dir, p), t));
  write('.designrc.json', JSON.stringify({
    components: [{ code: 'src/{path}.mjs', design: 'docs/design/{path}.md', test: 'test/{path}.test.mjs' }],
    generator: { host, model: 'bench:1b', maxAttempts, testCommand: 'node -e process.exitCode=1 {test}', timeoutSeconds: 60, lockTests: false },
  }));
  write('package.json', '{ "type": "module" }\n');
  for (let i = 0; i < n; i++) {
    const deps = [i - 1, i - 2, i - 3].filter((d) => d >= 0);
    const fm = `type: module\ndepends_on: [${deps.map((d) => `m${d}`).join(', ')}]\n`;
    const body = BODY(i, deps);
    const path = `docs/design/m${i}.md`;
    const digest = designDigest(path, `---\n${fm}status: draft\n---\n${body}`);
    write(path, `---\n${fm}status: approved\napproval:\n  digest: ${digest}\n  by: [Bench <bench@example.com>]\n  at: 2026-01-01T00:00:00Z\n---\n${body}`);
  }
  for (let i = 0; i < extra; i++) write(`lib/f${i}.txt`, `file ${i}\n`);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

function folderBytes(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    total += s.isDirectory() ? folderBytes(p) : s.size;
  }
  return total;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function run() {
  const [{ startCodeSession, dryRunCodeSession }, { derivedStateGate }, { SessionRecord, listSessions }] = await Promise.all([
    load('generators/code-session.js'),
    load('generators/approval-gate.js'),
    load('generators/record.js'),
  ]);
  const server = await fakeOllama();
  const env = gitEnv();
  delete env.NODE_TEST_CONTEXT;
  const lines = [];
  try {
    // (1) overhead per attempt, for a small and a larger work tree.
    lines.push('### Code session: orchestration overhead per attempt', '', '| work tree | attempts | median attempt wall time (ms) | model (ms) | test command (ms) | overhead (ms) |', '|---|---:|---:|---:|---:|---:|');
    for (const [designs, files] of [[10, 0], [200, 2000]]) {
      const attempts = 8;
      const dir = await makeRepo(designs, files, server.url, attempts);
      try {
        await startCodeSession({ repoRoot: dir, env, designPath: `docs/design/m${designs - 1}.md` }, { approval: derivedStateGate }).catch((e) => {
          if (e.code !== 'ESCALATED') throw e;
        });
        const [summary] = await listSessions(dir);
        const record = await SessionRecord.open(dir, summary.id);
        const per = [];
        // Wall time of an attempt: from its first step's start to the next attempt's (or the
        // escalation's), so the record's own writes count too. The first attempt also pays for
        // loading modules once; the steady state is attempts 2 and later.
        const starts = (a) => record.steps.find((s) => s.attempt === a && s.name === 'ask')?.startedAt;
        const escalated = record.steps.find((s) => s.name === 'escalate')?.startedAt;
        for (let a = 2; a <= attempts; a++) {
          const steps = record.steps.filter((s) => s.attempt === a);
          const total = Date.parse(starts(a + 1) ?? escalated) - Date.parse(starts(a));
          const model = steps.find((s) => s.name === 'ask')?.data.modelMs ?? 0;
          const test = steps.find((s) => s.name === 'test')?.data.ms ?? 0;
          per.push({ total, model, test, overhead: total - model - test });
          if (process.env.BENCH_DEBUG) console.error(a, total, steps.map((s) => `${s.name}=${s.ms.toFixed(1)}`).join(' '));
        }
        const f = (k) => median(per.map((p) => p[k])).toFixed(1);
        lines.push(`| ${designs} designs, ${designs + files + 2} files | ${per.length} | ${f('total')} | ${f('model')} | ${f('test')} | ${f('overhead')} |`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    lines.push('', 'Goal: overhead ≤ 50 ms per attempt (everything but the model\'s answer and the test command\'s run).', '');

    // (2) prompt per session against the whole design folder.
    lines.push('### Code session: prompt size against the whole design folder', '', '| designs | design folder (KiB) | prompt of one session (KiB) | tokens (estimate) | share of the folder |', '|---:|---:|---:|---:|---:|');
    for (const n of [10, 100, 1000]) {
      const dir = await makeRepo(n, 0, server.url, 3);
      try {
        const dry = await dryRunCodeSession({ repoRoot: dir, env, designPath: `docs/design/m${n - 1}.md` }, { approval: derivedStateGate });
        const prompt = Buffer.byteLength(dry.system + dry.prompt);
        const folder = folderBytes(join(dir, 'docs/design'));
        lines.push(`| ${n} | ${(folder / 1024).toFixed(1)} | ${(prompt / 1024).toFixed(1)} | ${dry.tokens} | ${((100 * prompt) / folder).toFixed(1)} % |`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    lines.push('', 'A session sends its design, the Public API sections of the designs it depends on (three here) and its type\'s rules, so its prompt stays the same size however large the design folder grows.');
  } finally {
    await server.close();
  }
  return lines.join('\n');
}
