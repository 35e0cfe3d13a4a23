import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectOllama, contextLengthOf, isAnswerFailure, ModelError, type ModelFailure, type OllamaSettings } from '../../generators/ollama.js';
import { DEFAULT_NUM_PREDICT } from '../../generators/budget.js';
import { isDesignGateError } from '../../core/errors.js';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';

const MODEL = 'fake-coder:7b';
let fake: FakeOllama;
before(async () => {
  fake = await startFakeOllama({ models: { [MODEL]: { contextLength: 32768 }, 'tiny:1b': { contextLength: 4096 }, 'nolen:1b': {}, 'big:1b': { contextLength: 131072 } } });
});
after(() => fake.close());

function boundary(extra: Partial<OllamaSettings> = {}) {
  return connectOllama({ host: fake.url, model: MODEL, options: { temperature: 0, seed: 7 }, timeoutMs: 5000, ...extra });
}

async function failure(promise: Promise<unknown>, kind: ModelFailure): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ModelError, `expected ModelError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.ok(isDesignGateError(error));
    assert.doesNotMatch(error.message, /\n/);
    assert.ok(error.fix !== undefined && error.fix.length > 0);
    return error;
  }
  assert.fail(`expected a ${kind} failure`);
}

const ask = { system: 'You write code.', prompt: 'Write add.' };

describe('the Ollama boundary against an Ollama-compatible server', () => {
  test('info: version and the context length from /api/show', async () => {
    const info = await boundary().info();
    assert.deepEqual(info, { version: '0.12.0', contextLength: 32768 });
  });

  test('a streamed chat answer with a format schema carries num_ctx from the prompt, capped num_predict, temperature and seed', async () => {
    fake.queue({ content: '{"code":"export const a = 1;\\n"}' });
    const format = { type: 'object', properties: { code: { type: 'string' } }, required: ['code'], additionalProperties: false };
    const before = fake.asks().length;
    const tokens: number[] = [];
    const result = await boundary().ask({ ...ask, format, onProgress: (p) => tokens.push(p.tokens) });
    assert.equal(result.content, '{"code":"export const a = 1;\\n"}');
    assert.equal(result.doneReason, 'stop');
    assert.ok(tokens.length >= 3);
    const sent = fake.asks()[before]!;
    assert.equal(sent.path, '/api/chat');
    assert.equal(sent.body?.['stream'], true);
    assert.deepEqual(sent.body?.['format'], format);
    const options = sent.body?.['options'] as Record<string, number>;
    assert.equal(options['temperature'], 0);
    assert.equal(options['seed'], 7);
    assert.equal(options['num_predict'], DEFAULT_NUM_PREDICT);
    assert.ok(options['num_ctx']! >= result.plan.promptTokens + DEFAULT_NUM_PREDICT && options['num_ctx']! <= 32768);
    assert.deepEqual(sent.body?.['messages'], [
      { role: 'system', content: ask.system },
      { role: 'user', content: ask.prompt },
    ]);
  });

  test('F8: num_predict from the config is capped', async () => {
    fake.queue({ content: 'x' });
    const before = fake.asks().length;
    await boundary({ model: 'big:1b', options: { num_predict: 10_000_000 } }).ask(ask);
    assert.equal((fake.asks()[before]!.body?.['options'] as Record<string, number>)['num_predict'], 32768);
  });

  test('F10: nothing listening → unreachable with `ollama serve` in the fix', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const e = await failure(boundary({ host: `http://127.0.0.1:${port}` }).info(), 'unreachable');
    assert.equal(e.code, 'CONFIG');
    assert.match(e.message, /ECONNREFUSED/);
    assert.match(e.fix!, /ollama serve/);
  });

  test('F10: a model that is not pulled → `ollama pull <model>`, naming the installed ones', async () => {
    const e = await failure(boundary({ model: 'qwen9:70b' }).info(), 'model-missing');
    assert.equal(e.code, 'CONFIG');
    assert.match(e.fix!, /`ollama pull qwen9:70b`/);
    assert.match(e.message, /installed: fake-coder:7b/);
  });

  test('F11: a cold load longer than the budget is one load-timeout, never retried', async () => {
    const slow = await startFakeOllama({ models: { [MODEL]: { contextLength: 8192 } }, loadDelayMs: 2000 });
    try {
      const model = connectOllama({ host: slow.url, model: MODEL, options: {}, timeoutMs: 300 });
      const e = await failure(model.preload(), 'load-timeout');
      assert.match(e.fix!, /ollama run fake-coder:7b/);
      assert.equal(slow.requests.filter((r) => r.path === '/api/generate').length, 1);
    } finally {
      await slow.close();
    }
  });

  test('F11: a load within the budget, then an answer: the load does not eat the answer budget', async () => {
    const slow = await startFakeOllama({ models: { [MODEL]: { contextLength: 8192 } }, loadDelayMs: 300, replies: [{ content: 'ok', delayMs: 250 }] });
    try {
      const model = connectOllama({ host: slow.url, model: MODEL, options: {}, timeoutMs: 400 });
      await model.preload();
      assert.equal((await model.ask(ask)).content, 'ok');
    } finally {
      await slow.close();
    }
  });

  test('F12: an answer slower than timeoutSeconds → timeout', async () => {
    fake.queue({ content: 'late', delayMs: 1500 });
    await failure(boundary({ timeoutMs: 200 }).ask(ask), 'timeout');
  });

  test('F12: a stream that stalls past the idle budget → stalled', async () => {
    fake.queue({ content: 'abcdef', stallAfter: 1 });
    await failure(boundary({ idleTimeoutMs: 200 }).ask(ask), 'stalled');
  });

  test('F12: a stream that ends without done:true → dropped', async () => {
    fake.queue({ content: 'abcdef', dropAfter: 2 });
    const e = await failure(boundary().ask(ask), 'dropped');
    assert.equal(e.code, 'IO');
  });

  test('F12: a connection reset mid-stream → dropped', async () => {
    fake.queue({ content: 'abcdef', resetAfter: 1 });
    await failure(boundary().ask(ask), 'dropped');
  });

  test('an {"error"} line mid-stream → stream-error with the server\'s words', async () => {
    fake.queue({ content: 'abcdef', midStreamError: { after: 1, message: 'llama runner process has terminated' } });
    const e = await failure(boundary().ask(ask), 'stream-error');
    assert.match(e.message, /llama runner process has terminated/);
  });

  test('a malformed NDJSON line is a failure, not silently skipped', async () => {
    fake.queue({ rawLines: ['{"model":"m","message":{"role":"assistant","content":"a"},"done":false}', '{not json', '{"done":true,"done_reason":"stop"}'] });
    await failure(boundary().ask(ask), 'malformed-stream');
  });

  test('an HTTP error before streaming → server-error (and a non-JSON body does not reach stdout)', async () => {
    fake.queue({ status: 500, error: 'out of memory' });
    const e = await failure(boundary().ask(ask), 'server-error');
    assert.match(e.message, /HTTP 500: out of memory/);
  });

  test('F7: done_reason length is a failure even when the text would parse', async () => {
    fake.queue({ content: '{"code":"x"}', doneReason: 'length' });
    const e = await failure(boundary().ask(ask), 'truncated');
    assert.ok(isAnswerFailure(e));
  });

  test('F8: an answer past the byte cap is stopped', async () => {
    fake.queue({ content: 'y'.repeat(5000), chunks: Array.from({ length: 10 }, () => 'y'.repeat(500)) });
    const e = await failure(boundary({ maxAnswerBytes: 1200 }).ask(ask), 'too-large');
    assert.ok(isAnswerFailure(e));
  });

  test('F9: a prompt larger than the model context is refused before it is sent', async () => {
    const before = fake.asks().length;
    const model = connectOllama({ host: fake.url, model: 'tiny:1b', options: { num_predict: 1024 }, timeoutMs: 5000 });
    await assert.rejects(model.ask({ system: '', prompt: 'z'.repeat(12_000) }), (e: unknown) => {
      assert.ok(isDesignGateError(e));
      assert.equal(e.code, 'CONFIG');
      assert.match(e.message, /model's context length of 4096 tokens; it was not sent/);
      return true;
    });
    assert.equal(fake.asks().length, before);
  });

  test('F9: a reply whose prompt filled the context is treated as possibly truncated', async () => {
    fake.queue({ content: 'x', promptEvalCount: 100_000 });
    const e = await failure(boundary().ask(ask), 'context-full');
    assert.ok(isAnswerFailure(e));
  });

  test('a model without a context length in /api/show still gets num_ctx from the prompt', async () => {
    fake.queue({ content: 'x' });
    const before = fake.asks().length;
    await connectOllama({ host: fake.url, model: 'nolen:1b', options: {}, timeoutMs: 5000 }).ask(ask);
    assert.ok(Number((fake.asks()[before]!.body?.['options'] as Record<string, unknown>)['num_ctx']) > DEFAULT_NUM_PREDICT);
  });

  test('the fake serves streaming and non-streaming generate to the real client', async () => {
    const { Ollama } = await import('ollama');
    const client = new Ollama({ host: fake.url });
    fake.queue({ content: 'hello there' }, { content: 'whole' });
    let text = '';
    for await (const part of await client.generate({ model: MODEL, prompt: 'hi', stream: true })) text += part.response;
    assert.equal(text, 'hello there');
    const whole = await client.generate({ model: MODEL, prompt: 'hi', stream: false });
    assert.equal(whole.response, 'whole');
    assert.equal((await client.list()).models.length, 4);
  });

  test('contextLengthOf reads model_info, else num_ctx in the parameters', () => {
    assert.equal(contextLengthOf({ 'llama.context_length': 131072 }, ''), 131072);
    assert.equal(contextLengthOf({}, 'stop "x"\nnum_ctx 8192\n'), 8192);
    assert.equal(contextLengthOf(undefined, undefined), undefined);
  });
});
