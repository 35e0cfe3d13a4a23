import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alignTests, normaliseName, type TestCase } from '../../../core/alignment/match.js';

const s = (text: string, line = 1) => ({ text, line });
const t = (path: string[], line = 1): TestCase => ({ path, line });

describe('alignTests', () => {
  test('normalisation: NFKC, case, punctuation and underscores, camelCase, apostrophes, spaces', () => {
    assert.equal(normaliseName('Reads  the `config`, with CRLF!'), 'reads the config with crlf');
    assert.equal(normaliseName('ﬁle Ｗidth'), 'file width'); // NFKC: ligature and full-width letters
    assert.equal(normaliseName('test_reads_config'), 'test reads config');
    assert.equal(normaliseName('ParseConfig_WithCRLF'), 'parse config with crlf');
    assert.equal(normaliseName('HTTPServer v2Config'), 'http server v2 config');
    assert.equal(normaliseName("doesn't fail"), 'doesnt fail');
    assert.equal(normaliseName('doesn’t → fail'), 'doesnt fail');
    assert.equal(normaliseName('  parse/1 -- ok.  '), 'parse 1 ok');
  });

  test('a test covers a scenario by its name or its describe path, exactly or as a word prefix', () => {
    const scenarios = [s('Reads the frontmatter.'), s('parser: rejects tabs, with a line number'), s('config loader keeps defaults')];
    const tests = [t(['reads the frontmatter']), t(['Parser', 'rejects tabs']), t(['config', 'loader', 'keeps defaults'])];
    assert.deepEqual(alignTests(scenarios, tests), { scenariosWithoutTest: [], testsWithoutScenario: [] });
  });

  test('a word prefix must end at a word boundary, and a longer test name does not cover a shorter scenario', () => {
    const got = alignTests([s('reads the config'), s('writes')], [t(['reads the conf']), t(['writes atomically'])]);
    assert.deepEqual(got.scenariosWithoutTest.map((x) => x.text), ['reads the config', 'writes']);
    assert.deepEqual(got.testsWithoutScenario.map((x) => x.path.join(' ')), ['reads the conf', 'writes atomically']);
  });

  test('a describe block covers a scenario that names it exactly, and traces its tests', () => {
    const got = alignTests([s('parse/1')], [t(['parse/1', 'returns ok']), t(['parse/1', 'returns error']), t(['other'])]);
    assert.deepEqual(got.scenariosWithoutTest, []);
    assert.deepEqual(got.testsWithoutScenario, [t(['other'])]);
    // A describe does not cover a scenario it only begins: that would hide a missing test.
    assert.deepEqual(alignTests([s('parse/1 rejects empty input')], [t(['parse/1', 'returns ok'])]).scenariosWithoutTest.length, 1);
  });

  test('a test with subtests traces when one of its subtests does', () => {
    const got = alignTests([s('empty file')], [t(['ParseConfig'], 1), t(['ParseConfig', 'empty file'], 2), t(['Other'], 5)]);
    assert.deepEqual(got, { scenariosWithoutTest: [], testsWithoutScenario: [t(['Other'], 5)] });
  });

  test('renamed test: the scenario has no test and the test no scenario', () => {
    const scenario = s('rejects an empty body', 12);
    const renamed = t(['refuses a blank body'], 30);
    assert.deepEqual(alignTests([scenario], [renamed]), { scenariosWithoutTest: [scenario], testsWithoutScenario: [renamed] });
  });

  test('duplicate names on either side are all matched', () => {
    const got = alignTests([s('reads it', 3), s('Reads it!', 4)], [t(['reads it'], 7), t(['reads it'], 9)]);
    assert.deepEqual(got, { scenariosWithoutTest: [], testsWithoutScenario: [] });
  });

  test('an empty name matches nothing', () => {
    const got = alignTests([s('!!!'), s('reads')], [t(['']), t(['—'])]);
    assert.equal(got.scenariosWithoutTest.length, 2);
    assert.equal(got.testsWithoutScenario.length, 2);
  });
});
