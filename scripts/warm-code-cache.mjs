// Warms the code caches of the built bin (bin/code-cache): runs the commands users run most in a
// scratch repository with DESIGNGATE_CODE_CACHE=refresh, so each writes
// dist/bin/cli.<id>.<command>.<node>.cache with the functions it compiled. Other commands write
// theirs on their first run. It doubles as a smoke test of the bundle: a run that hits an internal
// error fails the build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [bin] = process.argv.slice(2);
if (bin === undefined) throw new Error('usage: node scripts/warm-code-cache.mjs <dist/bin/designgate.js>');
const { designDigest } = await import(pathToFileURL(join(dirname(bin), '..', 'core', 'digest.js')).href);

const dir = mkdtempSync(join(tmpdir(), 'designgate-warm-'));
const home = join(dir, 'home');
const repo = join(dir, 'repo');
const env = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bob',
  GIT_AUTHOR_EMAIL: 'bob@example.com',
  GIT_COMMITTER_NAME: 'Bob',
  GIT_COMMITTER_EMAIL: 'bob@example.com',
  NO_COLOR: '1',
  DESIGNGATE_CODE_CACHE: 'refresh',
};
const git = (...args) => {
  const r = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`warm-code-cache: git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
const write = (path, text) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};

try {
  mkdirSync(home, { recursive: true });
  mkdirSync(repo, { recursive: true });
  git('init', '-q', '-b', 'main');
  write('.designrc.json', `${JSON.stringify({
    components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }],
    architecture: 'docs/architecture.md',
    types: { module: { sections: ['Purpose', 'Public API', 'Test Scenarios'] } },
    approvers: [{ name: 'Bob', email: 'bob@example.com' }],
    signedApprovals: false,
    gates: { approval: 'error', completeness: 'error', architecture: 'error', alignment: 'warn' },
  }, null, 2)}\n`);
  write('docs/architecture.md', '---\ncontexts:\n  app:\n    owns: [src/]\n---\n\n# Architecture\n');
  const design = (name) => `---\ntype: module\nstatus: draft\n---\n\n## Purpose\n\nThe ${name} module.\n\n## Public API\n\n- \`${name}()\`\n\n## Test Scenarios\n\n- returns one\n`;
  const approved = (path, text) => text.replace('status: draft\n', `status: approved\napproval:\n  digest: ${designDigest(path, text)}\n  by: [Bob <bob@example.com>]\n  at: 2026-11-20T10:00:00Z\n`);
  for (const name of ['a', 'b']) {
    write(`src/${name}.ts`, `import { b } from './b.js';\nexport const ${name} = () => 1;\n`);
    write(`test/${name}.test.ts`, `import { test } from 'node:test';\ntest('returns one', () => {});\n`);
    write(`docs/design/${name}.md`, design(name));
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  const base = git('rev-parse', 'HEAD');
  for (const name of ['a', 'b']) write(`docs/design/${name}.md`, approved(`docs/design/${name}.md`, design(name)));
  git('add', '-A');
  git('commit', '-q', '-m', 'Approve a and b\n\nApproved-by: Bob <bob@example.com>');
  write('src/a.ts', "import { b } from './b.js';\nexport const a = () => b();\n");
  git('add', '-A');
  git('commit', '-q', '-m', 'change a');
  const head = git('rev-parse', 'HEAD');
  write('src/b.ts', 'export const b = () => 2;\n');
  git('add', 'src/b.ts');
  writeFileSync(join(dir, 'MSG'), 'change b\n');

  const runs = [
    { args: ['--version'] },
    { args: ['--help'] },
    { args: ['status'] },
    { args: ['status', '--json'] },
    { args: ['check', '--all'] },
    { args: ['hook', 'pre-commit'] },
    { args: ['hook', 'commit-msg', join(dir, 'MSG')] },
    { args: ['hook', 'pre-push', 'origin', 'url'], input: `refs/heads/main ${head} refs/heads/main ${base}\n` },
    { args: ['verify', '--base', base] },
    { args: ['lint'] },
  ];
  for (const { args, input } of runs) {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: repo, env, input: input ?? '', encoding: 'utf8' });
    if (r.status === null || r.status > 2 || /internal error/.test(r.stderr)) {
      throw new Error(`warm-code-cache: designgate ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
    }
  }
  const caches = readdirSync(dirname(bin)).filter((f) => f.endsWith('.cache'));
  for (const group of ['main', 'status', 'check', 'hook-pre-commit', 'hook-commit-msg', 'hook-pre-push', 'verify', 'lint']) {
    if (!caches.some((f) => f.includes(`.${group}.`))) throw new Error(`warm-code-cache: no ${group} cache beside ${bin} (${caches.join(', ') || 'none'})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
