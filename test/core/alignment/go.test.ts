import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readGoTests } from '../../../core/alignment/go.js';

const names = (text: string) => readGoTests(text).map((t) => `${t.line}:${t.path.join(' > ')}`);

describe('readGoTests', () => {
  test('Test functions and their t.Run subtests, nested, with lines', () => {
    const text = [
      'package config',
      '',
      'func TestParseConfig(t *testing.T) {',
      '\tt.Run("empty file", func(t *testing.T) {',
      '\t\tt.Run("with BOM", func(t *testing.T) {})',
      '\t})',
      '\tt.Run("CRLF", func(t *testing.T) { if x { y() } })',
      '}',
      '',
      'func TestLoad_Defaults(t *testing.T) {}',
    ].join('\n');
    assert.deepEqual(names(text), ['3:ParseConfig', '4:ParseConfig > empty file', '5:ParseConfig > empty file > with BOM', '7:ParseConfig > CRLF', '10:Load_Defaults']);
  });

  test('raw strings are names, and computed subtest names are skipped', () => {
    const text = ['func TestTable(t *testing.T) {', '\tfor _, tc := range cases {', '\t\tt.Run(tc.name, func(t *testing.T) {})', '\t}', '\tt.Run(`raw "name"`, func(t *testing.T) {})', '}'].join('\n');
    assert.deepEqual(names(text), ['1:Table', '5:Table > raw "name"']);
  });

  test('benchmarks, helpers, methods and commented tests are not tests', () => {
    const text = [
      'func BenchmarkParse(b *testing.B) { b.Run("x", nil) }',
      'func TestMain(m *testing.M) { m.Run() }',
      'func helper(t *testing.T) { t.Run("not in a test", nil) }',
      'func (s *Suite) TestMethod(t *testing.T) {}',
      '// func TestCommented(t *testing.T) {}',
      '/* func TestBlock(t *testing.T) {} */',
      'var s = "func TestInString(t *testing.T) {}"',
      'func Testify(t *testing.T) {}',
    ].join('\n');
    assert.deepEqual(names(text), []);
  });
});
