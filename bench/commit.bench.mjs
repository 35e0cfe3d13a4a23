// The gates' cost, measured in one run on generated repositories (git fast-import, so even 50k files
// build in seconds):
//   1. a whole `git commit` of 10 staged code files with designgate's hooks (pre-commit + commit-msg,
//      through husky's runner and the one-line shims) against the same commit with hooks that run
//      `node -e 0`, with no hooks, and with husky + lint-staged running a no-op task (pre-commit
//      `lint-staged`, commit-msg `node -e 0`: what a project pays for lint-staged today), at 1k, 10k
//      and 50k files (goal: ≤ 1.5x at 10k, ≤ 2x at 50k; and the ratio designgate / lint-staged);
//   2. `designgate hook pre-push` over 200 commits and `designgate verify` over 5,000 commits against
//      the Node + git-CLI floor: a Node process that spawns the one `git log --raw` the range needs
//      (goal ≤ 2x).
// The commit cases run interleaved, each on its own identical repository, so drift hits all alike.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir, gitEnv, git, timeProcesses, table } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// A private copy of the built package: a rebuild of dist/ during the run (another build, a test run)
// must not swap the bin's chunks under a running benchmark.
const pkg = tempDir('designgate-bench-pkg-');
for (const part of ['dist', 'schema', 'package.json']) cpSync(join(root, part), join(pkg, part), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
const bin = join(pkg, 'dist/bin/designgate.js');
const { designDigest } = await import(pathToFileURL(join(pkg, 'dist/core/digest.js')).href);
const { installHooks } = await import(pathToFileURL(join(pkg, 'dist/hooks/install.js')).href);

const ALICE = 'Alice <alice@example.com>';
const BOB = 'Bob <bob@example.com>';
const CONFIG = `${JSON.stringify({
  components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }],
  types: { module: { sections: ['Purpose', 'Public API'] } },
  approvers: [{ name: 'Bob', email: 'bob@example.com' }],
  signedApprovals: false,
  gates: { approval: 'error', completeness: 'error', architecture: 'off' },
}, null, 2)}\n`;
// The same with Gate 1 and boundary drift on at commit: one context owns every component.
const ARCH_CONFIG = CONFIG.replace(`"architecture": "off"`, `"architecture": "error"`);
const ARCHITECTURE = '---\ncontexts:\n  app:\n    owns: [src/]\n---\n';
const draft = (i) => `---\ntype: module\nstatus: draft\n---\n\n## Purpose\n\nModule ${i}.\n\n## Public API\n\n- \`m${i}()\`\n`;
const approved = (i) => {
  const path = `docs/design/d${Math.floor(i / 100)}/m${i}.md`;
  const digest = designDigest(path, draft(i));
  return draft(i).replace('status: draft\n', `status: approved\napproval:\n  digest: ${digest}\n  by: [${BOB}]\n  at: 2026-11-20T10:00:00Z\n`);
};
const paths = (i) => {
  const d = `d${Math.floor(i / 100)}`;
  return { code: `src/${d}/m${i}.ts`, design: `docs/design/${d}/m${i}.md`, test: `test/${d}/m${i}.test.ts` };
};

/** A fast-import stream writer: one commit at a time, files inline. */
function stream() {
  const chunks = [];
  let time = 1_700_000_000;
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  return {
    // Each commit on the branch follows its tip: fast-import parents it automatically.
    commit(who, message, files) {
      time += 60;
      chunks.push(`commit refs/heads/main\nauthor ${who} ${time} +0000\ncommitter ${who} ${time} +0000\n${data(message)}`);
      for (const [path, text] of files) chunks.push(`M 100644 inline ${path}\n${data(text)}`);
      chunks.push('\n');
    },
    text: () => chunks.join(''),
  };
}

/** A repository of `components` code/design/test triples whose first `approvedCount` designs Bob approved, plus `extra` commits. */
function generate(dir, components, approvedCount, extra = () => {}, architecture = false) {
  git(dir, 'init', '-q', '-b', 'main');
  const s = stream();
  const files = architecture ? [['.designrc.json', ARCH_CONFIG], ['docs/architecture.md', ARCHITECTURE]] : [['.designrc.json', CONFIG]];
  for (let i = 0; i < components; i++) {
    const p = paths(i);
    files.push([p.code, `export const m${i} = ${i};\n`], [p.test, `// tests m${i}\n`], [p.design, draft(i)]);
  }
  s.commit(ALICE, 'initial', files);
  const approvals = [];
  for (let i = 0; i < approvedCount; i++) approvals.push([paths(i).design, approved(i)]);
  s.commit(BOB, `Approve ${approvedCount} designs\n\nApproved-by: ${BOB}\n`, approvals);
  extra(s);
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: s.text(), env: gitEnv(), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`fast-import: ${r.stderr}`);
  git(dir, 'checkout', '-q', '-f', 'main');
}

const hookEnv = (home) => ({ ...gitEnv(), HUSKY: '', HOME: home, XDG_CONFIG_HOME: join(home, '.config') });

async function withHooks(dir, home, kind) {
  if (kind === 'none') return;
  await installHooks({ repoRoot: dir, env: hookEnv(home), binPath: bin, hooks: ['pre-commit', 'commit-msg'] });
  if (kind === 'floor') for (const hook of ['pre-commit', 'commit-msg']) writeFileSync(join(dir, '.husky', hook), 'node -e 0\n');
  if (kind === 'lint-staged') {
    // The project's own lint-staged (husky's runner puts node_modules/.bin on PATH), configured in a
    // committed package.json as projects do, with a task that does nothing.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'bench', private: true, 'lint-staged': { '*.ts': 'node -e 0' } }, null, 2)}\n`);
    git(dir, 'add', '.gitignore', 'package.json');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'lint-staged config');
    writeFileSync(join(dir, '.husky/pre-commit'), 'lint-staged\n');
    writeFileSync(join(dir, '.husky/commit-msg'), 'node -e 0\n');
  }
}

/** Times whole `git commit`s of 10 freshly staged code files, interleaving the cases. */
function timeCommits(cases, home, { runs, warmup }) {
  const samples = cases.map(() => []);
  for (let i = 0; i < warmup + runs; i++) {
    cases.forEach((c, j) => {
      const staged = [];
      for (let k = 0; k < 10; k++) {
        const p = paths(k).code;
        appendFileSync(join(c.dir, p), `// run ${i}\n`);
        staged.push(p);
      }
      git(c.dir, 'add', '--', ...staged);
      const t0 = process.hrtime.bigint();
      const r = spawnSync('git', ['commit', '-q', '-m', `run ${i}`], { cwd: c.dir, env: hookEnv(home), stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`${c.name}: git commit exit ${r.status}: ${r.stderr}`);
      if (i >= warmup) samples[j].push(ms);
    });
  }
  const rows = cases.map((c, j) => {
    const s = samples[j].sort((a, b) => a - b);
    return { name: c.name, median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
  });
  return rows.map((r) => ({ ...r, ratio: r.median / rows[0].median }));
}

async function commitBench(files, { runs, warmup }) {
  const components = Math.round(files / 3);
  const home = tempDir('designgate-bench-home-');
  mkdirSync(join(home, '.config'), { recursive: true });
  const cases = [
    { name: '`git commit`, husky hooks running `node -e 0` (floor)', kind: 'floor' },
    { name: '`git commit`, no hooks', kind: 'none' },
    { name: '`git commit`, designgate pre-commit + commit-msg', kind: 'designgate' },
    { name: '`git commit`, husky + lint-staged (no-op task)', kind: 'lint-staged' },
    { name: '`git commit`, designgate with gates.architecture: error', kind: 'designgate', architecture: true },
  ];
  try {
    for (const c of cases) {
      c.dir = tempDir(`designgate-bench-commit-${c.kind}${c.architecture ? '-arch' : ''}-`);
      generate(c.dir, components, 10, undefined, c.architecture === true);
      await withHooks(c.dir, home, c.kind);
    }
    const rows = timeCommits(cases, home, { runs, warmup });
    const median = (kind) => rows[cases.findIndex((c) => c.kind === kind)].median;
    const versus = `designgate / husky + lint-staged (no-op): ${(median('designgate') / median('lint-staged')).toFixed(2)}x.`;
    const goal = [files >= 50_000 ? 'Goal: ≤ 2x the floor.' : files >= 10_000 ? 'Goal: ≤ 1.5x the floor.' : '', versus].filter(Boolean).join(' ');
    return table(`Commit of 10 staged code files, ${files.toLocaleString('en')} files (${components.toLocaleString('en')} components)`, rows, goal);
  } finally {
    for (const c of cases) if (c.dir) rmSync(c.dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

const FLOOR = `import { spawnSync } from 'node:child_process';
const [range] = process.argv.slice(2);
const r = spawnSync('git', ['log', '--topo-order', '--reverse', '--raw', '--cc', '--no-renames', '--no-abbrev', '-z', '--format=%H%x1f%P%x1f%ae%x1f%ce', ...range.split(' '), '--'], { maxBuffer: 1 << 30 });
if (r.status !== 0) process.exit(1);
process.stdout.write(String(r.stdout.toString('utf8').split('\\0').length));
`;

async function rangeBench({ runs, warmup }) {
  const dir = tempDir('designgate-bench-verify-');
  const home = tempDir('designgate-bench-home-');
  mkdirSync(join(home, '.config'), { recursive: true });
  try {
    // 100 approved components; then 5,000 commits by Alice, each changing one code file.
    generate(dir, 100, 100, (s) => {
      for (let i = 0; i < 5000; i++) s.commit(ALICE, `change ${i}`, [[paths(i % 100).code, `export const v = ${i};\n`]]);
    });
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const base = git(dir, 'rev-parse', 'HEAD~5000').trim();
    const base200 = git(dir, 'rev-parse', 'HEAD~200').trim();
    const floor = join(dir, '..', `${dir.split('/').pop()}-floor.mjs`);
    writeFileSync(floor, FLOOR);
    const env = hookEnv(home);
    const node = process.execPath;
    // The evidence cache (.git/designgate/evidence-cache.json) as the push before this one leaves
    // it: that push ended at base200, so its history walk is 200 commits below this push's head.
    const base400 = git(dir, 'rev-parse', 'HEAD~400').trim();
    const pushLine = (to, from) => `refs/heads/main ${to} refs/heads/main ${from}\n`;
    const cacheFile = join(dir, '.git', 'designgate', 'evidence-cache.json');
    const before = spawnSync(node, [bin, 'hook', 'pre-push', 'origin', 'url'], { cwd: dir, env, input: pushLine(base200, base400) });
    if (before.status !== 0) throw new Error(`pre-push at HEAD~200: ${before.stderr}`);
    const saved = join(dir, '..', `${dir.split('/').pop()}-evidence.json`);
    cpSync(cacheFile, saved);
    const sh = (script) => ['-c', `${script} && exec "$0" "$@"`, node, bin, 'hook', 'pre-push', 'origin', 'url'];
    const push = timeProcesses(
      [
        { name: 'Node + `git log --raw` over 200 commits (floor)', cmd: node, args: [floor, `${head} ^${base200}`], cwd: dir, env },
        { name: '`designgate hook pre-push`, 200 commits (the same push again)', cmd: node, args: [bin, 'hook', 'pre-push', 'origin', 'url'], cwd: dir, env, input: pushLine(head, base200) },
        { name: 'the same, evidence cache from the push before (+ `sh` and `cp`)', cmd: 'sh', args: sh(`cp '${saved}' '${cacheFile}'`), cwd: dir, env, input: pushLine(head, base200) },
        { name: 'the same, no evidence cache (a fresh clone; + `sh` and `rm`)', cmd: 'sh', args: sh(`rm -f '${cacheFile}'`), cwd: dir, env, input: pushLine(head, base200) },
      ],
      { runs, warmup },
    );
    rmSync(saved, { force: true });
    const verify = timeProcesses(
      [
        { name: 'Node + `git log --raw` over 5,000 commits (floor)', cmd: node, args: [floor, `${head} ^${base}`], cwd: dir, env },
        { name: '`designgate verify --base <5,000 back>` (the same run again)', cmd: node, args: [bin, 'verify', '--base', base], cwd: dir, env },
        // What CI runs: no evidence cache (its home folder is fresh).
        { name: 'the same, no evidence cache (as in CI; + `sh` and `rm`)', cmd: 'sh', args: ['-c', `rm -f '${cacheFile}' && exec "$0" "$@"`, node, bin, 'verify', '--base', base], cwd: dir, env },
      ],
      { runs, warmup },
    );
    rmSync(floor, { force: true });
    return [table('pre-push over 200 commits (100 approved components)', push, 'Goal: ≤ 2x the floor.'), table('verify over 5,000 commits', verify, 'Goal: ≤ 2x the floor.')].join('\n\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

/** `range: false` measures the commit cases only (a quick check of the commit table). */
export default async function run({ runs = 15, warmup = 2, sizes = [1000, 10_000, 50_000], range = true } = {}) {
  const out = [];
  try {
    for (const files of sizes) out.push(await commitBench(files, { runs: files >= 50_000 ? Math.min(runs, 10) : runs, warmup }));
    if (range) out.push(await rangeBench({ runs: Math.min(runs, 10), warmup: 1 }));
  } finally {
    rmSync(pkg, { recursive: true, force: true });
  }
  return out.join('\n\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log(await run(sizes.length > 0 ? { sizes } : {}));
}
