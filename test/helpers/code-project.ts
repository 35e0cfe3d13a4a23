/**
 * A tiny real project for generation tests: ES modules under `src/`, their designs under
 * `docs/design/`, tests under `test/` run by `node --test {test}`, and a `.designrc.json` whose
 * generator talks to a fake Ollama on 127.0.0.1. Also: approved designs with a correct digest, the
 * answers a model would give, and a byte-for-byte picture of a work tree.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { designDigest } from '../../core/digest.js';
import { gitEnv, makeRepo, projectRoot, type TempRepo, type Tree } from './repo.js';

export const MODEL = 'fake-coder:7b';

/** The body of the `add` design. */
export const ADD_BODY = [
  '',
  '## Purpose',
  'Adds two numbers.',
  '',
  '## Public API',
  '- `add(a: number, b: number): number` returns a + b.',
  '',
  '## Dependencies',
  'None.',
  '',
  '## Test Scenarios',
  '- add(2, 3) is 5.',
  '',
].join('\n');

/** A design document approved by Jane Doe, with the digest of its content. */
export function approvedDesign(repoPath: string, body = ADD_BODY, frontmatter = 'type: module\ndepends_on: []\n'): string {
  const draft = `---\n${frontmatter}status: draft\n---\n${body}`;
  const digest = designDigest(repoPath, draft);
  return `---\n${frontmatter}status: approved\napproval:\n  digest: ${digest}\n  by: [Jane Doe <jane@example.com>]\n  at: 2026-01-01T00:00:00Z\n---\n${body}`;
}

export function draftDesign(body = ADD_BODY): string {
  return `---\ntype: module\ndepends_on: []\nstatus: draft\n---\n${body}`;
}

export const GOOD = {
  code: 'export function add(a, b) {\n  return a + b;\n}\n',
  test: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from '../src/add.mjs';\n\ntest('adds', () => {\n  assert.equal(add(2, 3), 5);\n});\n",
};

export const BAD = { ...GOOD, code: 'export function add(a, b) {\n  return a - b;\n}\n' };

/** A model's answer as JSON text. */
export const answer = (value: Record<string, unknown>): string => JSON.stringify(value);

export interface GeneratorOptions {
  host: string;
  maxAttempts?: number;
  testCommand?: string;
  lockTests?: boolean;
  timeoutSeconds?: number;
  extra?: Record<string, unknown>;
}

export function designrc(options: GeneratorOptions, components?: unknown[]): string {
  return `${JSON.stringify(
    {
      components: components ?? [{ code: 'src/{path}.mjs', design: 'docs/design/{path}.md', test: 'test/{path}.test.mjs' }],
      approvers: [{ name: 'Jane Doe', email: 'jane@example.com', paths: ['docs/design/**'] }],
      signedApprovals: false,
      generator: {
        host: options.host,
        model: MODEL,
        options: { temperature: 0, seed: 7 },
        maxAttempts: options.maxAttempts ?? 3,
        testCommand: options.testCommand ?? 'node --test {test}',
        timeoutSeconds: options.timeoutSeconds ?? 60,
        lockTests: options.lockTests ?? true,
        ...options.extra,
      },
    },
    null,
    2,
  )}\n`;
}

/**
 * Approves a design the way a person would without `designgate approve`: the draft is committed
 * first (by the test author), then the approval block alone, in a commit carrying Jane Doe's
 * `Approved-by` trailer. With `signedApprovals: false` that is a verified (unsigned) approval.
 */
export function approveByCommits(repo: TempRepo, path: string, body = ADD_BODY): void {
  repo.commit({ [path]: draftDesign(body) }, `Draft ${path}`);
  repo.commit({ [path]: approvedDesign(path, body) }, `Approve ${path}\n\nApproved-by: Jane Doe <jane@example.com>`);
}

/** A committed project with the approved `add` design (and whatever `extra` adds). */
export function makeCodeProject(options: GeneratorOptions, extra: Tree = {}): TempRepo {
  return makeRepo({
    '.designrc.json': designrc(options),
    'package.json': '{ "name": "sample", "type": "module", "private": true }\n',
    'README.md': '# sample\n',
    'docs/design/add.md': approvedDesign('docs/design/add.md'),
    ...extra,
  });
}

/** The environment a session (and its test command) gets: no GIT_*, no node:test parent context. */
export function sessionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = gitEnv();
  delete env['NODE_TEST_CONTEXT'];
  delete env['NODE_OPTIONS'];
  delete env['OLLAMA_HOST'];
  return { ...env, ...extra };
}

/**
 * Every file and folder of a work tree (but `.git/` and `.designgate/sessions/`) with its bytes'
 * hash and mode: two pictures are equal exactly when the trees are byte for byte the same.
 */
export function pictureOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      if (path === '.git' || path === '.designgate/sessions') continue;
      const info = lstatSync(join(dir, path));
      if (info.isDirectory()) {
        // The folder that holds session records is the session's, not the tree's.
        if (path !== '.designgate') out[`${path}/`] = 'dir';
        walk(path);
      } else {
        out[path] = `${(info.mode & 0o777).toString(8)} ${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')}`;
      }
    }
  };
  walk('');
  return out;
}

/**
 * The real CLI in a child process, run from source through tsx (the fake model lives in this
 * process, so the call must not block it). It runs `bin/cli.ts`, the entry the build bundles.
 */
export function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = sessionEnv()): { done: Promise<{ status: number; stdout: string; stderr: string }>; pid: number; kill: (signal: NodeJS.Signals) => void } {
  const tsx = pathToFileURL(join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(projectRoot, 'test/helpers/cli-from-source.ts'), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr })));
  return { done, pid: child.pid!, kill: (signal) => child.kill(signal) };
}

