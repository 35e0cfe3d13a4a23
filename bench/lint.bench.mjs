// Lint throughput: 1,000 generated design documents linted in-process by our runner
// (dist/lint-rules/run.js: remark-parse, remark-frontmatter, remark-lint and the seven design rules,
// strict YAML, the schema and the digest) against plain remark-parse + remark-frontmatter +
// remark-preset-lint-recommended over the same texts, passes interleaved in one process so drift
// hits both alike; then both as whole processes over the files on disk. Goal (issue 3): ≤ 1.2x.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { tempDir, git, timeProcesses, table } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => pathToFileURL(join(root, 'dist', p)).href;
const DOCS = 1000;
const WORDS = 'design approve module handler commit staged review owner status parse index tree blob range push hook lint schema frontmatter section'.split(' ');

/** Deterministic documents: four written sections, a list, inline code, a fenced block; 10 % with one finding each kind. */
function generate(dir, designDigest) {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = (n) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  mkdirSync(join(dir, 'docs/stories'), { recursive: true });
  for (let s = 1; s <= 20; s++) writeFileSync(join(dir, `docs/stories/US-${s}.md`), `# Story ${s}\n`);
  const files = [];
  for (let i = 0; i < DOCS; i++) {
    const path = `docs/design/m${i % 40}/c${i}.md`;
    const deps = i > 0 ? `[m${(i - 1) % 40}/c${i - 1}]` : '[]';
    let body = `\n# Component ${i}\n`;
    for (const section of ['Purpose', 'Public API', 'Dependencies', 'Test Scenarios']) {
      body += `\n## ${section}\n\n${words(25)}. See \`src/m${i % 40}/c${i}.ts\` and [the spec](https://example.com/${i}).\n\n`;
      body += `- ${words(6)}\n- **${words(2)}**: ${words(7)}\n- _${words(3)}_\n`;
      if (section === 'Public API') body += `\n\`\`\`ts\nexport function check${i}(path: string): boolean {\n  return path.endsWith('.ts');\n}\n\`\`\`\n`;
    }
    if (i % 10 === 0) body += `\nSee [the old doc][old-${i}] for history.\n`; // a remark-lint-recommended finding
    const stories = i % 10 === 5 ? '[US-1, US-404]' : `[US-${1 + (i % 20)}]`; // a known-stories finding
    let text = `---\ntype: module\nstatus: ${i % 3 === 0 ? 'approved' : 'draft'}\nstories: ${stories}\ndepends_on: ${deps}\n`;
    if (i % 3 === 0) text += `approval:\n  digest: DIGEST\n  by: [Lead ${i % 5} <lead${i % 5}@example.com>]\n  at: 2026-11-20T10:00:00Z\n`;
    text += `---\n${body}`;
    if (i % 3 === 0) text = text.replace('DIGEST', designDigest(path, text.replace('DIGEST', `sha256:${'0'.repeat(64)}`)));
    mkdirSync(join(dir, 'docs/design', `m${i % 40}`), { recursive: true });
    writeFileSync(join(dir, path), text);
    files.push({ path, text });
  }
  return files;
}

export default async function run({ passes = 9, runs = 3 } = {}) {
  const dir = tempDir('designgate-bench-lint-');
  try {
    const [{ designDigest }, { lintFiles }, options] = await Promise.all([
      import(dist('core/digest.js')),
      import(dist('lint-rules/run.js')),
      import(dist('lint-rules/support/options.js')),
    ]);
    const config = { components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }], stories: 'docs/stories/*.md' };
    writeFileSync(join(dir, '.designrc.json'), JSON.stringify(config));
    const files = generate(dir, designDigest);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'init');

    // Our runner's options, as `designgate lint` builds them.
    const { loadConfig } = await import(dist('core/config/load.js'));
    const loaded = loadConfig(join(dir, '.designrc.json'));
    const base = options.optionsFromConfig(loaded, { repoPrefix: '' });
    const all = [...files.map((f) => f.path), ...Array.from({ length: 20 }, (_, s) => `docs/stories/US-${s + 1}.md`)];
    const facts = await options.gatherFacts(base, all, async (p) => readFileSync(join(dir, p), 'utf8'));
    const ours = { ...base, ...facts };

    const { unified } = await import('unified');
    const { default: remarkParse } = await import('remark-parse');
    const { default: remarkFrontmatter } = await import('remark-frontmatter');
    const { default: recommended } = await import('remark-preset-lint-recommended');
    const { VFile } = await import('vfile');
    const plain = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(recommended).freeze();
    const baseline = async () => {
      let n = 0;
      for (const f of files) {
        const file = new VFile({ path: f.path, value: f.text, cwd: dir });
        await plain.run(plain.parse(file), file);
        n += file.messages.length;
      }
      return n;
    };
    const designgate = async () => (await lintFiles(files, ours)).length;

    // Wall time and this process's CPU time per pass: on a loaded machine the CPU time is the steadier measure.
    const samples = { baseline: { wall: [], cpu: [] }, designgate: { wall: [], cpu: [] } };
    const counts = {};
    for (let p = 0; p < passes + 1; p++) {
      for (const [name, fn] of p % 2 === 0 ? [['baseline', baseline], ['designgate', designgate]] : [['designgate', designgate], ['baseline', baseline]]) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        counts[name] = await fn();
        const wall = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        if (p > 0) {
          // pass 0 warms the JIT
          samples[name].wall.push(wall);
          samples[name].cpu.push((cpu.user + cpu.system) / 1000);
        }
      }
    }
    const rows = (kind) => {
      const row = (name, label) => {
        const xs = [...samples[name][kind]].sort((a, b) => a - b);
        return { name: label, median: xs[Math.floor(xs.length / 2)], min: xs[0], max: xs[xs.length - 1] };
      };
      const floor = row('baseline', `remark-parse + remark-frontmatter + remark-preset-lint-recommended (floor; ${counts.baseline} messages)`);
      const mine = row('designgate', `designgate runner, all 7 rules (${counts.designgate} problems)`);
      return [floor, mine].map((r) => ({ ...r, ratio: r.median / floor.median }));
    };

    const remarkCli = join(root, 'node_modules/remark-cli/cli.js');
    const processes = timeProcesses(
      [
        {
          name: '`remark --use remark-frontmatter --use remark-preset-lint-recommended docs/design` (floor)',
          cmd: process.execPath,
          // By path: the temporary repository has no node_modules of its own.
          args: [remarkCli, '--quiet', '--no-stdout', '--use', join(root, 'node_modules/remark-frontmatter/index.js'), '--use', join(root, 'node_modules/remark-preset-lint-recommended/index.js'), 'docs/design'],
          cwd: dir,
          expectStatus: 0,
        },
        { name: '`designgate lint` (1,000 designs + 20 stories)', cmd: process.execPath, args: [join(root, 'dist/bin/designgate.js'), 'lint'], cwd: dir, expectStatus: 1 },
      ],
      { runs, warmup: 1 },
    );
    return [
      table(`Lint, in-process: 1,000 design documents, CPU ms per pass (median of ${passes})`, rows('cpu'), 'Goal: the designgate runner ≤ 1.2x the floor.'),
      '',
      table(`Lint, in-process: the same passes, wall ms`, rows('wall')),
      '',
      table('Lint, whole processes over the same files', processes),
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await run());
