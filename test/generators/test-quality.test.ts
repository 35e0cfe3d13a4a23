import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { countCases, reviewGeneratedTest } from '../../generators/test-quality.js';

const real = "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\ntest('adds', () => { assert.equal(add(2, 3), 5); });\n";

describe('reviewGeneratedTest (F13)', () => {
  test('a real test passes, in several languages', () => {
    assert.deepEqual(reviewGeneratedTest(real), []);
    assert.deepEqual(reviewGeneratedTest("it('x', () => { expect(add(1, 2)).toBe(3); });"), []);
    assert.deepEqual(reviewGeneratedTest('def test_add():\n    assert add(1, 2) == 3\n'), []);
    assert.deepEqual(reviewGeneratedTest('test "adds" do\n  assert Calc.add(1, 2) == 3\nend\n'), []);
    assert.deepEqual(reviewGeneratedTest('func TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 {\n\t\tt.Errorf("bad")\n\t}\n}\n'), []);
  });
  test('skipped, focused or todo tests are rejected', () => {
    for (const text of [real.replace("test('adds'", "test.skip('adds'"), real.replace("test('adds'", "it.only('adds'"), "xit('x', () => { expect(f()).toBe(1) })", real.replace("test('adds', ", "test('adds', { skip: true }, "), '@pytest.mark.skip\ndef test_a():\n    assert f() == 1\n', '@tag :skip\ntest "a" do\n  assert f() == 1\nend\n', 'func TestA(t *testing.T) { t.Skip("later") }']) {
      assert.ok(reviewGeneratedTest(text).some((r) => /skips/.test(r)), text);
    }
  });
  test('no assertions, or only constant ones, are rejected', () => {
    assert.match(reviewGeneratedTest("import assert from 'node:assert';\ntest('x', () => { add(1, 2); });").join(), /no assertions/);
    for (const text of ["test('x', () => { expect(true).toBe(true); });", "test('x', () => { assert.ok(true); });", "test('x', () => { assert.equal(1, 1); });", 'def test_a():\n    assert True\n']) {
      assert.match(reviewGeneratedTest(text).join(), /only compare constants/, text);
    }
  });
  test('a replacement with fewer cases than the existing file is rejected', () => {
    const existing = `${real}test('negative', () => { assert.equal(add(-1, 1), 0); });\n`;
    assert.match(reviewGeneratedTest(real, existing).join(), /1 test cases where the existing file has 2/);
    assert.deepEqual(reviewGeneratedTest(existing, real), []);
  });
  test('countCases', () => {
    assert.equal(countCases(real), 1);
    assert.equal(countCases('def test_a():\n  pass\ndef test_b():\n  pass\n'), 2);
  });
});
