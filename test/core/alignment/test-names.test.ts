import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readTestNames } from '../../../core/alignment/test-names.js';

describe('readTestNames', () => {
  test('each extension goes to its framework\'s reader', () => {
    const ts = "test('reads', () => {});\n";
    for (const file of ['test/a.test.ts', 'a.spec.tsx', 'a.test.mts', 'a.test.cts', 'a.test.js', 'a.test.jsx', 'a.test.mjs', 'a.test.cjs']) {
      assert.deepEqual(readTestNames(file, ts), [{ path: ['reads'], line: 1 }], file);
    }
    assert.deepEqual(readTestNames('test/my_app/a_test.exs', 'test "reads" do\nend\n'), [{ path: ['reads'], line: 1 }]);
    assert.deepEqual(readTestNames('tests/a_test.py', 'def test_reads():\n    pass\n'), [{ path: ['reads'], line: 1 }]);
    assert.deepEqual(readTestNames('pkg/a_test.go', 'func TestReads(t *testing.T) {}\n'), [{ path: ['Reads'], line: 1 }]);
  });

  test('a file of an unknown kind is not judged', () => {
    assert.equal(readTestNames('test/a_spec.rb', "it 'reads' do\nend\n"), undefined);
    assert.equal(readTestNames('test/a.test.ts.snap', ''), undefined);
  });
});
