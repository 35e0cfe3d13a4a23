import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASELINE_FILE, baselineAt, formatBaseline, parseBaseline, readBaseline } from '../../../core/baseline/format.js';
import { isDesignGateError, type DesignGateError } from '../../../core/errors.js';
import { openGit } from '../../../core/git/index.js';
import { gitEnv, scratch } from '../../helpers/repo.js';

const temp = scratch();

/** The CONFIG error parseBaseline throws for `text`, as `line:col: message` lines. */
function causesOf(text: string): { error: DesignGateError; lines: string[] } {
  try {
    parseBaseline(text);
  } catch (error) {
    assert.ok(isDesignGateError(error));
    return { error, lines: error.causes.map((c) => `${c.file}:${c.line}:${c.column}: ${c.message}`) };
  }
  assert.fail('parsed');
}

describe('parseBaseline', () => {
  test('a valid file gives its entries', () => {
    assert.deepEqual(parseBaseline('{ "version": 1, "files": ["lib/a.ex", "lib/b.ex"] }'), { version: 1, files: ['lib/a.ex', 'lib/b.ex'] });
    assert.deepEqual(parseBaseline('{ "version": 1, "files": [] }').files, []);
  });

  test('every mistake at once, each at its line, with the fix; exit 2 (CONFIG)', () => {
    const text = '{\n  "version": 2,\n  "files": [\n    "/abs.ts",\n    "src/../x.ts",\n    3,\n    "b.ts",\n    "b.ts"\n  ],\n  "extra": true\n}\n';
    const { error, lines } = causesOf(text);
    assert.equal(error.code, 'CONFIG');
    assert.equal(error.message, `${BASELINE_FILE}: invalid adoption baseline`);
    assert.match(error.fix ?? '', /`designgate adopt`/);
    const at = (line: number) => lines.filter((l) => l.startsWith(`${BASELINE_FILE}:${line}:`));
    assert.match(at(2).join('\n'), /version: must be one of 1/);
    assert.match(at(4).join('\n'), /files\[0\]: must be a repository-relative path/);
    assert.match(at(5).join('\n'), /files\[1\]: must be a repository-relative path/);
    assert.match(at(6).join('\n'), /files\[2\]: must be a string/);
    assert.match(at(8).join('\n'), /files\[4\]: is listed twice \(first at \[3\]\)/);
    assert.match(at(10).join('\n'), /unknown key 'extra'/);
  });

  test('an unsorted entry is reported at its line (sorted lists diff and merge cleanly)', () => {
    const { lines } = causesOf('{\n  "version": 1,\n  "files": [\n    "src/b.ts",\n    "src/a.ts"\n  ]\n}\n');
    assert.deepEqual(lines, [`${BASELINE_FILE}:5:5: files[1]: must come before "src/b.ts": keep the list sorted (code-unit order) so its diffs review well`]);
  });

  test('JSON syntax mistakes are located', () => {
    assert.match(causesOf('{ "version": 1, "files": ["a.ts",] }').lines.join('\n'), /:1:\d+: .*trailing comma/i);
    assert.match(causesOf('{ "version": 1,\n "files": [ "a.ts" }').lines.join('\n'), /:2:/);
    assert.ok(causesOf('').lines.length > 0);
  });

  test('a required key missing', () => {
    assert.match(causesOf('{ "version": 1 }').lines.join('\n'), /:1:1: missing required key 'files'/);
  });
});

describe('formatBaseline', () => {
  test('sorted by code unit, each path once, one per line, a final newline; it round-trips', () => {
    const text = formatBaseline(['src/b.ts', 'src/B.ts', 'src/a.ts', 'src/b.ts']);
    assert.equal(text, '{\n  "version": 1,\n  "files": [\n    "src/B.ts",\n    "src/a.ts",\n    "src/b.ts"\n  ]\n}\n');
    assert.deepEqual(parseBaseline(text).files, ['src/B.ts', 'src/a.ts', 'src/b.ts']);
    assert.deepEqual(parseBaseline(formatBaseline([])).files, []);
  });
});

describe('readBaseline and baselineAt', () => {
  test('a snapshot without the file has an empty baseline', async () => {
    assert.deepEqual(await readBaseline(async () => undefined), { version: 1, files: [] });
  });

  test('baselineAt reads the committed file and names the revision in its causes', async () => {
    const r = temp.repo({ [BASELINE_FILE]: formatBaseline(['src/a.ts']) });
    const good = r.git('rev-parse', 'HEAD').trim();
    const bad = r.commit({ [BASELINE_FILE]: '{ "version": 1, "files": [1] }' });
    const git = await openGit({ cwd: r.dir, env: gitEnv() });
    try {
      assert.deepEqual((await baselineAt(git, good)).files, ['src/a.ts']);
      await assert.rejects(baselineAt(git, bad), (e: unknown) => isDesignGateError(e) && e.causes[0]?.file === `${BASELINE_FILE}@${bad.slice(0, 12)}` && e.causes[0]?.line === 1);
    } finally {
      await git.close();
    }
  });
});
