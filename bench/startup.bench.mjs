// Start-up: `designgate --version` and `designgate status` on a small repository against the
// floor `node -e 0`, in the same run. Goal (issue 2): well under 2x the floor.
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, git, gitEnv, timeProcesses, table } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/bin/designgate.js');

export default function run({ runs = 30 } = {}) {
  const dir = tempDir('designgate-bench-startup-');
  try {
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, '.designrc.json'), JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }] }));
    for (let i = 0; i < 10; i++) {
      mkdirSync(join(dir, 'src'), { recursive: true });
      mkdirSync(join(dir, 'docs/design'), { recursive: true });
      mkdirSync(join(dir, 'test'), { recursive: true });
      writeFileSync(join(dir, `src/m${i}.ts`), `export const m${i} = ${i};\n`);
      writeFileSync(join(dir, `test/m${i}.test.ts`), `// test ${i}\n`);
      writeFileSync(join(dir, `docs/design/m${i}.md`), `---\ntype: module\nstatus: draft\n---\n\n## Purpose\n\nModule ${i}.\n`);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'init');
    const rows = timeProcesses(
      [
        { name: '`node -e 0` (floor)', cmd: process.execPath, args: ['-e', '0'], cwd: dir },
        { name: '`designgate --version`', cmd: process.execPath, args: [bin, '--version'], cwd: dir },
        { name: '`designgate status` (10 components)', cmd: process.execPath, args: [bin, 'status'], cwd: dir },
        { name: '`designgate check --all` (10 components)', cmd: process.execPath, args: [bin, 'check', '--all'], cwd: dir },
        // The same bundle without V8's code cache (bin/code-cache): what the cache saves.
        { name: '`designgate --version`, no code cache', cmd: process.execPath, args: [bin, '--version'], cwd: dir, env: { ...gitEnv(), DESIGNGATE_CODE_CACHE: 'off' } },
        { name: '`designgate status`, no code cache', cmd: process.execPath, args: [bin, 'status'], cwd: dir, env: { ...gitEnv(), DESIGNGATE_CODE_CACHE: 'off' } },
      ],
      { runs },
    );
    return table('Start-up (small repository)', rows, 'Goal: `--version` and `status` well under 2x `node -e 0`.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
