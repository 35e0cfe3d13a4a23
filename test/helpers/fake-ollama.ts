/**
 * An Ollama-compatible HTTP server on 127.0.0.1:0 for tests: the real `ollama` client (and the
 * real designgate CLI) talk to it over HTTP. Each test scripts the replies it needs, including the
 * faults of reliability.md F6–F12 (invalid JSON, `done_reason: length`, a missing model, a cold
 * load, a dropped or stalled stream, an error mid-stream). The API shape follows
 * ../shared/research/ecosystem.md §7: NDJSON streams, `{"error": …}` bodies, `/api/show` 404s.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, before } from 'node:test';
import type { AddressInfo, Socket } from 'node:net';

/** One scripted answer to a chat or generate request. */
export interface Scripted {
  /** Reply with this HTTP status and `{"error": error}` instead of an answer. */
  status?: number;
  error?: string;
  /** The answer text; streamed in `chunks` pieces (default: 3) or sent whole when `stream:false`. */
  content?: string;
  chunks?: string[];
  /** `done_reason` of the last line (default `stop`). */
  doneReason?: string;
  /** Wait before the headers and first line (a slow prompt evaluation). */
  delayMs?: number;
  /** Wait between streamed lines. */
  chunkDelayMs?: number;
  /** After this many content lines, send `{"error": message}` and end (status stays 200). */
  midStreamError?: { after: number; message: string };
  /** After this many content lines, end the response without a `done` line. */
  dropAfter?: number;
  /** After this many content lines, destroy the connection. */
  resetAfter?: number;
  /** After this many content lines, send nothing more until the client gives up. */
  stallAfter?: number;
  /** Send these body lines verbatim (NDJSON with whatever mistakes the test wants). */
  rawLines?: string[];
  promptEvalCount?: number;
  evalCount?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  headers: IncomingMessage['headers'];
}

export interface FakeModel {
  /** `<arch>.context_length` in `/api/show`'s model_info; absent: no such key. */
  contextLength?: number;
  family?: string;
}

export interface FakeOllamaOptions {
  models?: Record<string, FakeModel>;
  version?: string;
  /** How long the load request (generate with an empty prompt) takes. */
  loadDelayMs?: number;
  /** Scripted replies, used in order for chat and non-empty generate requests. */
  replies?: Scripted[];
  /** Or a function of the request (called when the queue is empty). */
  reply?: (request: RecordedRequest) => Scripted;
}

export interface FakeOllama {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Chat/generate requests only (not the load request). */
  asks(): RecordedRequest[];
  queue(...replies: Scripted[]): void;
  models: Record<string, FakeModel>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const models: Record<string, FakeModel> = options.models ?? { 'fake-coder:7b': { contextLength: 32768 } };
  const queue: Scripted[] = [...(options.replies ?? [])];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
    const path = (req.url ?? '/').split('?')[0]!;
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, body, headers: req.headers };
    requests.push(recorded);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(value));
    };

    if (path === '/api/version') return json(200, { version: options.version ?? '0.12.0' });
    if (path === '/api/tags') {
      return json(200, {
        models: Object.keys(models).map((name) => ({
          name,
          model: name,
          modified_at: '2026-01-01T00:00:00Z',
          size: 4_000_000_000,
          digest: 'sha256:0000',
          details: { format: 'gguf', family: models[name]!.family ?? 'qwen2', families: null, parameter_size: '7B', quantization_level: 'Q4_K_M' },
        })),
      });
    }
    if (path === '/api/ps') return json(200, { models: [] });
    if (path === '/api/show') {
      const name = String(body?.['model'] ?? '');
      const m = models[name];
      if (m === undefined) return json(404, { error: `model '${name}' not found` });
      const family = m.family ?? 'qwen2';
      const modelInfo: Record<string, unknown> = { 'general.architecture': family };
      if (m.contextLength !== undefined) modelInfo[`${family}.context_length`] = m.contextLength;
      return json(200, { modelfile: '', parameters: '', template: '{{ .Prompt }}', details: { family }, model_info: modelInfo, capabilities: ['completion'] });
    }
    if (path !== '/api/chat' && path !== '/api/generate') return json(404, { error: 'not found' });

    const model = String(body?.['model'] ?? '');
    if (models[model] === undefined) return json(404, { error: `model '${model}' not found, try pulling it first` });
    const isChat = path === '/api/chat';
    const stream = body?.['stream'] !== false;
    // An empty prompt (generate) or no messages (chat) loads the model and answers done_reason "load".
    const isLoad = isChat ? !Array.isArray(body?.['messages']) || (body?.['messages'] as unknown[]).length === 0 : body?.['prompt'] === '' || body?.['prompt'] === undefined;
    if (isLoad) {
      await sleep(options.loadDelayMs ?? 0);
      if (res.destroyed) return;
      return json(200, { model, created_at: new Date().toISOString(), ...(isChat ? { message: { role: 'assistant', content: '' } } : { response: '' }), done: true, done_reason: 'load' });
    }

    const script = queue.shift() ?? options.reply?.(recorded) ?? { status: 500, error: 'fake-ollama: no scripted reply left' };
    await sleep(script.delayMs ?? 0);
    if (res.destroyed) return;
    if (script.status !== undefined) return json(script.status, { error: script.error ?? 'error' });

    const piece = (content: string, done: boolean, extra: Record<string, unknown> = {}) => ({
      model,
      created_at: new Date().toISOString(),
      ...(isChat ? { message: { role: 'assistant', content } } : { response: content }),
      done,
      ...extra,
    });
    const content = script.content ?? '';
    const final = {
      done_reason: script.doneReason ?? 'stop',
      total_duration: 1_000_000,
      load_duration: 1000,
      prompt_eval_count: script.promptEvalCount ?? Math.ceil(JSON.stringify(body).length / 4),
      prompt_eval_duration: 1000,
      eval_count: script.evalCount ?? Math.max(1, Math.ceil(content.length / 4)),
      eval_duration: 1000,
    };
    if (!stream) return json(200, piece(content, true, final));

    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const write = (line: string) => new Promise<void>((resolve) => res.write(`${line}\n`, () => resolve()));
    if (script.rawLines !== undefined) {
      for (const line of script.rawLines) await write(line);
      return void res.end();
    }
    const parts = script.chunks ?? split(content, 3);
    for (let i = 0; i < parts.length; i++) {
      if (script.midStreamError?.after === i) {
        await write(JSON.stringify({ error: script.midStreamError.message }));
        return void res.end();
      }
      if (script.dropAfter === i) return void res.end();
      if (script.resetAfter === i) return void res.destroy();
      if (script.stallAfter === i) return; // keep the connection open; the client must give up
      await write(JSON.stringify(piece(parts[i]!, false)));
      if (script.chunkDelayMs !== undefined) await sleep(script.chunkDelayMs);
      if (res.destroyed) return;
    }
    if (script.midStreamError?.after === parts.length) {
      await write(JSON.stringify({ error: script.midStreamError.message }));
      return void res.end();
    }
    if (script.dropAfter === parts.length) return void res.end();
    if (script.resetAfter === parts.length) return void res.destroy();
    if (script.stallAfter === parts.length) return;
    await write(JSON.stringify(piece('', true, final)));
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    asks: () =>
      requests.filter((r) => {
        if (r.path === '/api/chat') return Array.isArray(r.body?.['messages']) && (r.body?.['messages'] as unknown[]).length > 0;
        return r.path === '/api/generate' && typeof r.body?.['prompt'] === 'string' && r.body['prompt'] !== '';
      }),
    queue: (...replies) => void queue.push(...replies),
    models,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Splits text into n roughly equal pieces (at least one, possibly empty). */
function split(text: string, n: number): string[] {
  if (text.length === 0) return [''];
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * One server for a whole test file: started before its tests and closed after them, when `cleanup`
 * (the file's temporary repositories) runs too. The object answers for the running server.
 * @example const fake = fakeOllamaPerFile(() => repos.forEach((r) => r.cleanup()));
 */
export function fakeOllamaPerFile(cleanup: () => void = () => undefined): FakeOllama {
  let server: FakeOllama | undefined;
  before(async () => {
    server = await startFakeOllama();
  });
  after(async () => {
    await server?.close();
    cleanup();
  });
  const running = (): FakeOllama => {
    if (server === undefined) throw new Error('fakeOllamaPerFile: the server starts in before(); use it inside a test');
    return server;
  };
  return {
    get url() {
      return running().url;
    },
    get port() {
      return running().port;
    },
    get requests() {
      return running().requests;
    },
    get models() {
      return running().models;
    },
    asks: () => running().asks(),
    queue: (...replies) => running().queue(...replies),
    close: () => running().close(),
  };
}

