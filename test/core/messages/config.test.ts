import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { configMessages as m } from '../../../core/messages/config.js';

describe('configMessages', () => {
  test('a path prefixes the meaning; the top level has none', () => {
    assert.equal(m.at('components[0].code', 'must be a string'), 'components[0].code: must be a string');
    assert.equal(m.at('', 'the file is empty'), 'the file is empty');
  });

  test('syntax errors say what was found and what was expected', () => {
    assert.equal(m.syntax('x', 'value').startsWith("not JSON: unexpected 'x'; expected a value"), true);
    assert.equal(m.syntax(undefined, 'comma-or-object-end'), "not JSON: unexpected end of file; expected ',' or '}'");
    assert.equal(m.syntax("'", 'key'), 'not JSON: strings and keys need double quotes');
    assert.match(m.syntax('\n', 'escaped-control'), /^not JSON: unexpected line break; /);
    assert.match(m.syntax('\t', 'escaped-control'), /^not JSON: unexpected tab; /);
    assert.match(m.syntax('\u0001', 'escaped-control'), /^not JSON: unexpected control character U\+0001; /);
  });

  test('schema meanings read as plain words', () => {
    assert.equal(m.mustBe(['string']), 'must be a string');
    assert.equal(m.mustBe(['string', 'array']), 'must be a string or an array');
    assert.equal(m.mustBe(['boolean']), 'must be true or false');
    assert.equal(m.oneOf(['off', 'warn', 'error']), 'must be one of off, warn, error');
    assert.equal(m.unknownKey('foo', ['a', 'b'], undefined), "unknown key 'foo' (allowed: a, b)");
    assert.equal(m.unknownKey('foo', [], undefined), "unknown key 'foo' (allowed: none)");
    assert.equal(m.unknownKey('gats', ['gates'], 'gates'), "unknown key 'gats' (did you mean 'gates'?)");
    assert.equal(m.duplicateKey('components', 2), "duplicate key 'components' (first at line 2)");
  });

  test('the overlap message names the example path and the fix', () => {
    assert.equal(
      m.overlap('design', 0, 'docs/design/web/x.md'),
      'overlaps components[0].design (both could be docs/design/web/x.md); give each rule its own design folder',
    );
  });
});
