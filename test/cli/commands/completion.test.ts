/**
 * `designgate completion bash|zsh` through the built bin: the script it prints is the one generated
 * from the registry, bash accepts it and completes with it, and a wrong shell is a usage error.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands, summaries } from '../../../cli/commands/index.js';
import { bashCompletion, completionSpec, zshCompletion } from '../../../cli/format/completion.js';
import { makeTempDir, runCli } from '../../helpers/repo.js';

const dir = makeTempDir();
after(() => rmSync(dir, { recursive: true, force: true }));
const spec = completionSpec(await Promise.all(Object.values(commands).map((load) => load())), summaries);

describe('designgate completion', () => {
  test('bash: the generated script, which bash sources and completes with', () => {
    const r = runCli(['completion', 'bash'], { cwd: dir });
    assert.deepEqual(r, { status: 0, stdout: bashCompletion(spec), stderr: '' });
    const file = join(dir, 'c.bash');
    writeFileSync(file, r.stdout);
    const out = execFileSync('bash', ['-c', `source ${file}; COMP_WORDS=(designgate completion ''); COMP_CWORD=2; _designgate; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' });
    assert.equal(out, 'bash zsh\n');
  });

  test('zsh: the generated script', () => {
    const r = runCli(['completion', 'zsh'], { cwd: dir });
    assert.deepEqual(r, { status: 0, stdout: zshCompletion(spec), stderr: '' });
  });

  test('no shell, two shells or an unknown one: exit 2 with the fix', () => {
    for (const args of [[], ['fish'], ['bash', 'zsh']]) {
      const r = runCli(['completion', ...args], { cwd: dir });
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'designgate: completion needs one shell: bash or zsh\n  fix: run `designgate completion bash` or `designgate completion zsh`\n');
    }
  });
});
