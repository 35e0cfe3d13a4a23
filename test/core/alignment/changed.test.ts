import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alignChanged } from '../../../core/alignment/changed.js';
import { configLocator } from '../../../core/verify/governing.js';

const design = (...scenarios: string[]) => `---\ntype: module\nstatus: draft\n---\n\n## Purpose\nP.\n\n## Test Scenarios\n${scenarios.map((s) => `- ${s}\n`).join('')}`;

describe('alignChanged', () => {
  const config = (alignment: string) => JSON.stringify({ preset: 'python', gates: { alignment } });
  const files = (alignment: string, extra: Record<string, string> = {}): Map<string, string> =>
    new Map(
      Object.entries({
        '.designrc.json': config(alignment),
        'docs/design/a.md': design('reads the config', 'keeps defaults'),
        'tests/a_test.py': 'def test_reads_the_config():\n    pass\n\ndef test_keeps_defaults_when_empty():\n    pass\n',
        'src/a.py': '',
        ...extra,
      }),
    );
  const run = (map: Map<string, string>, paths: string[]) => {
    const read = async (p: string) => (map.has(p) ? Buffer.from(map.get(p)!) : undefined);
    return alignChanged({ paths, read, locate: configLocator('/repo', read) });
  };

  test('changed designs and tests of a snapshot are aligned once per component', async () => {
    const problems = await run(files('error'), ['docs/design/a.md', 'tests/a_test.py', 'src/a.py', 'README.md']);
    assert.deepEqual(problems.map((p) => `${p.file}:${p.line} ${p.ruleId} ${p.severity}`), [
      'docs/design/a.md:11 scenario-without-test error',
      'tests/a_test.py:4 test-without-scenario error',
    ]);
    assert.deepEqual(await run(files('off'), ['tests/a_test.py']), []);
  });

  test('a component whose design or test is missing in the snapshot is not judged', async () => {
    const map = files('error');
    map.delete('tests/a_test.py');
    assert.deepEqual(await run(map, ['docs/design/a.md']), []);
  });
});
