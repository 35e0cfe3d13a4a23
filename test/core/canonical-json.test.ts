import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, hasUnpairedSurrogate } from '../../core/canonical-json.js';

describe('canonicalJson (RFC 8785)', () => {
  test('RFC 8785 §3.2.2 example gives the RFC output', () => {
    // The input of the RFC, as JSON.parse reads it (so the numbers are the RFC's doubles).
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    assert.equal(
      canonicalJson(input),
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  test('RFC 8785 §3.2.3 sorts keys by UTF-16 code units, not code points', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the order from the text: Object.keys would put the integer-like key '1' first.
    const values = [...canonicalJson(input).matchAll(/:"([^"]*)"/g)].map((match) => match[1]);
    assert.deepEqual(values, [
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  test('numbers take their ECMAScript form', () => {
    const cases: Array<[number, string]> = [
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [1e-7, '1e-7'],
      [0.000001, '0.000001'],
      [-0, '0'],
      [4.5, '4.5'],
      [9007199254740991, '9007199254740991'],
      [-1.5e-300, '-1.5e-300'],
    ];
    for (const [value, text] of cases) assert.equal(canonicalJson(value), text, String(value));
  });

  test('nested values, no whitespace, independent of insertion order', () => {
    const a = { b: [1, { y: 'é', x: null }], a: true, c: {} };
    const b = { c: {}, a: true, b: [1, { x: null, y: 'é' }] };
    assert.equal(canonicalJson(a), '{"a":true,"b":[1,{"x":null,"y":"é"}],"c":{}}');
    assert.equal(canonicalJson(b), canonicalJson(a));
    assert.equal(canonicalJson([]), '[]');
    assert.equal(canonicalJson('\u0007\t'), '"\\u0007\\t"');
  });

  test('null-prototype objects and own __proto__ keys are plain data', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare['k'] = 1;
    assert.equal(canonicalJson(bare), '{"k":1}');
    assert.equal(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}')), '{"__proto__":{"x":1},"a":2}');
  });

  test('refuses what JSON cannot hold exactly, naming the place', () => {
    class Thing {
      a = 1;
    }
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const refused: Array<[unknown, RegExp]> = [
      [undefined, /undefined at \$$/],
      [{ a: undefined }, /undefined at \$\.a$/],
      [[1, , 3], /undefined at \$\[1\]$/],
      [{ f: () => 1 }, /function at \$\.f$/],
      [Symbol('s'), /symbol/],
      [10n, /bigint/],
      [{ n: [NaN] }, /NaN at \$\.n\[0\]$/],
      [Infinity, /Infinity/],
      [-Infinity, /-Infinity/],
      [{ d: new Date(0) }, /Date object at \$\.d$/],
      [new Map(), /Map object/],
      [Buffer.from('x'), /Buffer object/],
      [new Thing(), /Thing object/],
      [cyclic, /cycle at \$\.self$/],
      ['\ud83d', /unpaired surrogate/],
      [{ '\udc00': 1 }, /key with an unpaired surrogate/],
    ];
    for (const [value, pattern] of refused) {
      assert.throws(() => canonicalJson(value), (e: unknown) => e instanceof TypeError && pattern.test(e.message), String(pattern));
    }
  });

  test('a shared (non-cyclic) object may appear twice', () => {
    const shared = { x: 1 };
    assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}');
  });

  test('hasUnpairedSurrogate', () => {
    assert.equal(hasUnpairedSurrogate('😀 ok'), false);
    assert.equal(hasUnpairedSurrogate('\ud83d'), true);
    assert.equal(hasUnpairedSurrogate('a\ude00'), true);
  });
});
