import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeText, tailText, MAX_LINE } from '../../generators/sanitize.js';

describe('sanitizeText (F17)', () => {
  test('removes CSI, OSC and bare escape sequences and control characters', () => {
    assert.equal(sanitizeText('ok\u001b[2J\u001b[31mred\u001b[0m'), 'okred');
    assert.equal(sanitizeText('a\u001b]0;pwned title\u0007b'), 'ab');
    assert.equal(sanitizeText('a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b'), 'alinkb');
    assert.equal(sanitizeText('bell\u0007 nul\u0000 c1\u009b'), 'bell nul c1');
    assert.equal(sanitizeText('bidi \u202eevil\u202c'), 'bidi evil');
  });
  test('keeps tabs and newlines; CR and CRLF become newlines', () => {
    assert.equal(sanitizeText('a\tb\r\nc\rd\n'), 'a\tb\nc\nd\n');
  });
  test('cuts huge lines with a marker', () => {
    const out = sanitizeText('x'.repeat(MAX_LINE + 50));
    assert.equal(out, `${'x'.repeat(MAX_LINE)} … [50 more characters]`);
  });
});

describe('tailText', () => {
  test('keeps short output whole', () => {
    assert.equal(tailText('fail\n', 100), 'fail\n');
  });
  test('keeps the end of long output from a line start, saying how much was cut', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const out = tailText(text, 100);
    assert.match(out, /^\[… \d+ earlier characters cut\]\nline \d+\n/);
    assert.ok(out.endsWith('line 999'));
    assert.ok(out.length < 150);
  });
});
