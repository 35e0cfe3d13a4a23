import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { progressReporter } from '../../generators/progress.js';

describe('progressReporter', () => {
  const run = (interactive: boolean) => {
    let out = '';
    const report = progressReporter((t) => (out += t), interactive);
    report({ type: 'started', sessionId: 'S', resumed: false });
    report({ type: 'step', name: 'ask', phase: 'attempt', attempt: 1 });
    report({ type: 'tokens', tokens: 10, elapsedMs: 1000 });
    report({ type: 'tokens', tokens: 20, elapsedMs: 2000 });
    report({ type: 'step', name: 'ask', phase: 'attempt', attempt: 1, outcome: 'ok' });
    report({ type: 'step', name: 'test', phase: 'attempt', attempt: 1 });
    report({ type: 'step', name: 'test', phase: 'attempt', attempt: 1, outcome: 'failed' });
    report({ type: 'warning', message: 'careful' });
    return out;
  };
  test('on a terminal: steps, attempts, tokens and tokens/s rewritten in place', () => {
    assert.equal(run(true), 'session S\n• ask (attempt 1)\n\r\u001b[2K  10 tokens, 10.0 tokens/s\r\u001b[2K  20 tokens, 10.0 tokens/s\n• test (attempt 1)\n  test failed\ncareful\n');
  });
  test('elsewhere (CI, pipes): only warnings', () => {
    assert.equal(run(false), 'careful\n');
  });
});
