import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readPytestTests } from '../../../core/alignment/pytest.js';

const names = (text: string) => readPytestTests(text).map((t) => `${t.line}:${t.path.join(' > ')}`);

describe('readPytestTests', () => {
  test('test functions, async tests and methods of Test classes, with lines', () => {
    const text = ['import pytest', '', 'def test_reads_config():', '    assert True', '', 'async def test_fetches():', '    pass', '', 'class TestParser:', '    def test_rejects_tabs(self):', '        pass', '', 'def test_after_class():', '    pass'].join('\n');
    assert.deepEqual(names(text), ['3:reads_config', '6:fetches', '10:Parser > rejects_tabs', '13:after_class']);
  });

  test('the test prefix is dropped and nested classes form the path', () => {
    const text = ['class TestConfig:', '    class TestLoader:', '        def testKeepsDefaults(self):', '            pass', '    def test_other(self):', '        pass'].join('\n');
    assert.deepEqual(names(text), ['3:Config > Loader > KeepsDefaults', '5:Config > other']);
  });

  test('defs in docstrings and comments, helpers and non-test classes are not tests', () => {
    const text = ['"""', 'def test_in_docstring():', '"""', '# def test_commented():', 'def helper():', '    s = "def test_in_string():"', 'class Helper:', '    def test_method(self):', '        pass', "x = '''", 'class TestInString:', "'''"].join('\n');
    assert.deepEqual(names(text), []);
  });
});
