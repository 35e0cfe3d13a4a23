// Runs every nested test/**/*.test.ts with node:test via tsx.
// Node 20 neither expands globs nor finds .ts tests by itself, and a run over zero files exits 0,
// so we list the files ourselves and refuse to pass when there are none.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const files = readdirSync(join(root, 'test'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
  .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`test: no *.test.ts files found under test/${filters.length ? ` matching ${filters.join(' ')}` : ''}`);
  process.exit(1);
}
console.error(`test: ${files.length} test files`);

// Most tests wait on git subprocesses, so run more files at once than there are cores.
const concurrency = String(Math.max(4, availableParallelism() * 2));
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, NO_COLOR: '1' } },
);
if (run.status !== 0) process.exit(run.status ?? 1);

// We follow our own convention: every source file has its design and its test. A full run also
// checks this repository with the designgate it just built.
if (filters.length === 0) {
  const self = spawnSync(process.execPath, [join(root, 'dist/bin/designgate.js'), 'check', '--all'], { stdio: 'inherit', cwd: root });
  if (self.status !== 0) {
    console.error('test: `designgate check --all` failed on this repository (see above)');
    process.exit(self.status ?? 1);
  }
}
