import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commands, summaries } from '../../../cli/commands/index.js';
import { commandHelp, topLevelHelp } from '../../../cli/main.js';
import { makeTempDir, projectRoot, runCli } from '../../helpers/repo.js';

const dir = makeTempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the command registry', () => {
  test('every command has a summary and every summary a command', () => {
    assert.deepEqual(Object.keys(summaries).sort(), Object.keys(commands).sort());
    for (const summary of Object.values(summaries)) assert.ok(summary.length > 0 && !summary.includes('\n'));
  });

  test('every loader resolves to a command named by its key', async () => {
    for (const [name, load] of Object.entries(commands)) {
      const command = await load();
      assert.equal(command.name, name);
      assert.equal(typeof command.run, 'function');
    }
  });

  test('every file in cli/commands/ is registered', () => {
    const files = readdirSync(join(projectRoot, 'cli/commands'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    assert.ok(files.length > 0);
    assert.deepEqual(files, Object.keys(commands).sort());
  });

  test('the top-level help lists every command', () => {
    const r = runCli(['--help'], { cwd: dir });
    assert.equal(r.stdout, topLevelHelp());
    for (const name of Object.keys(commands)) assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'));
  });

  for (const name of Object.keys(commands)) {
    test(`designgate ${name} --help lists its summary, synopsis and every option`, async () => {
      const command = await commands[name]!();
      const r = runCli([name, '--help'], { cwd: dir });
      assert.deepEqual(r, { status: 0, stdout: commandHelp(command), stderr: '' });
      assert.ok(r.stdout.startsWith(`designgate ${name}: ${summaries[name]}\n`));
      for (const usage of command.usage) assert.ok(r.stdout.includes(`\n  ${usage}\n`), usage);
      for (const [option, spec] of Object.entries(command.options)) {
        const flag = `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${option}${spec.type === 'string' ? ' <value>' : ''}`;
        const line = r.stdout.split('\n').find((l) => l.startsWith(`  ${flag} `));
        assert.ok(line !== undefined && line.endsWith(`  ${spec.description}`) && line.slice(2 + flag.length).trim() === spec.description, `--${option}: ${line}`);
      }
      assert.match(r.stdout, /^ {2}-h, --help +show this help$/m);
      if (command.details !== undefined) assert.ok(r.stdout.endsWith(`\n${command.details.trimEnd()}\n`));
    });
  }
});
