import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { answerFormat, checkAnswer, parseAnswer, MAX_FILE_BYTES } from '../../generators/answer.js';

describe('checkAnswer (R13)', () => {
  test('a schema-valid answer passes as it is', () => {
    assert.deepEqual(checkAnswer('{"code":"a","test":"b","notes":"n"}', { testRequired: true }), { ok: true, answer: { code: 'a', test: 'b', notes: 'n' } });
    assert.deepEqual(checkAnswer('{"code":"a"}', { testRequired: false }), { ok: true, answer: { code: 'a' } });
  });
  test('F1: any other key — a path, files, an approval — is rejected, never used', () => {
    for (const extra of ['"path":"../../.ssh/authorized_keys"', '"files":{".husky/pre-commit":"exit 0"}', '"status":"approved"', '"codePath":"C:/x"']) {
      const r = checkAnswer(`{"code":"a","test":"b",${extra}}`, { testRequired: true });
      assert.equal(r.ok, false, extra);
      assert.ok(!r.ok && /unknown key/.test(r.errors[0]!), extra);
    }
  });
  test('F6: invalid JSON is not repaired (trailing comma, fences, prose)', () => {
    for (const raw of ['{"code":"a",}', '```json\n{"code":"a"}\n```', 'Here you go: {"code":"a"}', '']) {
      const r = checkAnswer(raw, { testRequired: false });
      assert.ok(!r.ok && /^the answer is not JSON/.test(r.errors[0]!), raw);
    }
  });
  test('F6: wrong types and missing keys are reported', () => {
    const r = checkAnswer('{"code":42}', { testRequired: false });
    assert.ok(!r.ok && /\/code/.test(r.errors.join()));
    const missing = checkAnswer('{"test":"b"}', { testRequired: false });
    assert.ok(!missing.ok && /code/.test(missing.errors.join()));
    const noTest = checkAnswer('{"code":"a"}', { testRequired: true });
    assert.ok(!noTest.ok && /no "test" file/.test(noTest.errors.join()));
  });
  test('F8: a file over the cap is rejected', () => {
    const big = 'é'.repeat(MAX_FILE_BYTES / 2 + 10);
    const r = checkAnswer(JSON.stringify({ code: big }), { testRequired: false });
    assert.ok(!r.ok && /larger than 512 KiB/.test(r.errors.join()));
  });
});

describe('answerFormat', () => {
  test('the shipped schema, closed, with the test file only when it is not locked', () => {
    const open = answerFormat(false);
    assert.equal(open['additionalProperties'], false);
    assert.deepEqual(open['required'], ['code', 'test']);
    assert.deepEqual(Object.keys(open['properties'] as object), ['code', 'test', 'notes']);
    const locked = answerFormat(true);
    assert.deepEqual(locked['required'], ['code']);
    assert.deepEqual(Object.keys(locked['properties'] as object), ['code', 'notes']);
  });
});

describe('parseAnswer', () => {
  test('any shipped schema: the value when it is valid, one error line per mistake otherwise', () => {
    assert.deepEqual(parseAnswer('{"code":"a"}', 'generator-answer'), { ok: true, value: { code: 'a' } });
    assert.deepEqual(parseAnswer('{"code":1}', 'generator-answer'), { ok: false, errors: ['the answer at /code: must be a string'] });
    const r = parseAnswer('{"contexts":[]}', 'generator-architecture');
    assert.ok(!r.ok && /^the answer at \/contexts: /.test(r.errors[0]!));
  });
});
