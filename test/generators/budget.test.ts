import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { estimateTokens, planContext, DEFAULT_NUM_PREDICT, MAX_NUM_PREDICT } from '../../generators/budget.js';
import { isDesignGateError } from '../../core/errors.js';

describe('estimateTokens', () => {
  test('one token per three UTF-8 bytes, rounded up (an over-estimate)', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('hello world!'), 4);
    assert.equal(estimateTokens('é'), 1);
    assert.equal(estimateTokens('日本語'), 3);
  });
});

describe('planContext', () => {
  test('num_ctx covers the prompt and the answer, rounded up, within the model context', () => {
    assert.deepEqual(planContext(1000, 32768, {}), { promptTokens: 1000, numCtx: 10240, numPredict: DEFAULT_NUM_PREDICT });
  });
  test('the default answer budget shrinks to what a small context holds', () => {
    assert.deepEqual(planContext(1000, 4096, {}), { promptTokens: 1000, numCtx: 4096, numPredict: 3096 });
  });
  test('an explicit num_predict is kept, and capped', () => {
    assert.equal(planContext(10, 200_000, { num_predict: 100 }).numPredict, 100);
    assert.equal(planContext(10, 200_000, { num_predict: 10_000_000 }).numPredict, MAX_NUM_PREDICT);
  });
  test('F9: a prompt that cannot fit the model is refused, never truncated', () => {
    assert.throws(() => planContext(4000, 4096, {}), (e: unknown) => {
      assert.ok(isDesignGateError(e));
      assert.equal(e.code, 'CONFIG');
      assert.match(e.message, /model's context length of 4096/);
      return true;
    });
  });
  test('F9: a configured num_ctx is a ceiling too, and the message says so', () => {
    assert.throws(() => planContext(3000, 32768, { num_ctx: 2048 }), /configured num_ctx of 2048/);
    assert.equal(planContext(100, 32768, { num_ctx: 4096, num_predict: 512 }).numCtx, 2048);
  });
  test('an unknown model context: num_ctx from the prompt alone', () => {
    assert.equal(planContext(5000, undefined, {}).numCtx, 14336);
  });
});
