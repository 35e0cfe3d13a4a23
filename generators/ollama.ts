/**
 * The Ollama boundary: the only module of designgate that talks to the network, and the only one
 * that imports `ollama` (lazily, so no other command pays for it). Every way a request can fail
 * becomes a `ModelError` with a one-line cause and the fix: the server is down, the model is not
 * pulled, the model took too long to load or to answer, the stream dropped, stalled or carried an
 * error, the answer was cut off (`done_reason: length`) or grew past its cap.
 *
 * Timeouts come from an injected `fetch`, because the client's non-streaming calls take no signal
 * (ecosystem.md §7). Loading the model is its own request with its own budget, so a cold load is
 * never mistaken for a slow answer and retried in a loop (F11). The injected fetch also checks each
 * NDJSON line of a stream — the client skips a malformed line with a console warning — and turns a
 * non-JSON error body into JSON, which the client would otherwise `console.log`.
 */
import { DesignGateError, type ErrorCode } from '../core/errors.js';
import { generatorMessages as m } from '../core/messages/generators.js';
import { estimateTokens, planContext, type ContextPlan } from './budget.js';

/** What went wrong, for callers that treat a bad answer differently from a broken connection. */
export type ModelFailure =
  | 'unreachable'
  | 'model-missing'
  | 'server-error'
  | 'load-timeout'
  | 'timeout'
  | 'stalled'
  | 'dropped'
  | 'stream-error'
  | 'malformed-stream'
  | 'truncated'
  | 'context-full'
  | 'too-large';

const ANSWER_FAILURES: ReadonlySet<ModelFailure> = new Set(['truncated', 'context-full', 'too-large']);
const SETUP_FAILURES: ReadonlySet<ModelFailure> = new Set(['unreachable', 'model-missing']);

export class ModelError extends DesignGateError {
  readonly kind: ModelFailure;
  constructor(kind: ModelFailure, message: string, fix: string, cause?: unknown) {
    const code: ErrorCode = SETUP_FAILURES.has(kind) ? 'CONFIG' : 'IO';
    super(code, message, { fix, ...(cause === undefined ? {} : { cause }) });
    this.name = 'ModelError';
    this.kind = kind;
  }
}

/**
 * Whether the model answered, but badly (cut off, too large): a session counts that as a failed
 * attempt and may retry. Every other failure stops the session, which can be resumed.
 */
export function isAnswerFailure(error: unknown): error is ModelError {
  return error instanceof ModelError && ANSWER_FAILURES.has(error.kind);
}

export interface OllamaSettings {
  /** Normalised host (see generators/host.ts `chooseHost`). */
  host: string;
  model: string;
  /** `generator.options`: temperature, seed, num_ctx and num_predict ceilings, … */
  options: Readonly<Record<string, unknown>>;
  /** One load, and one answer, may each take this long (`generator.timeoutSeconds`). */
  timeoutMs: number;
  /** An answer whose stream sends nothing for this long has stalled. Default: min(timeoutMs, 120 s). */
  idleTimeoutMs?: number;
  /** How long Ollama keeps the model loaded after a request. Default: `10m`. */
  keepAlive?: string;
  /** The largest answer accepted, in bytes. Default: 1 MiB. */
  maxAnswerBytes?: number;
}

export interface ModelInfo {
  /** The server's version (`/api/version`). */
  version: string;
  /** The model's context length (`/api/show` model_info `<arch>.context_length`), if it says. */
  contextLength: number | undefined;
}

export interface AskRequest {
  system: string;
  prompt: string;
  /** A JSON Schema for structured output; absent: free text. */
  format?: Readonly<Record<string, unknown>>;
  /** Called as tokens stream in (progress on a terminal). */
  onProgress?: (progress: { tokens: number; elapsedMs: number }) => void;
}

export interface AskResult {
  content: string;
  doneReason: string;
  /** The options sent (`num_ctx`, `num_predict`, temperature, seed, …). */
  options: Record<string, unknown>;
  plan: ContextPlan;
  promptTokens: number | undefined;
  evalTokens: number | undefined;
  elapsedMs: number;
}

export interface OllamaBoundary {
  readonly host: string;
  readonly model: string;
  /** Checks the server and the model; cached after the first call. */
  info(): Promise<ModelInfo>;
  /** Loads the model (a request with an empty prompt), with its own time budget. */
  preload(): Promise<void>;
  /** One streamed chat answer to `system` + `prompt`. */
  ask(request: AskRequest): Promise<AskResult>;
  /** The plan `ask` would use for a prompt (for `--dry-run` and the context check). */
  plan(request: Pick<AskRequest, 'system' | 'prompt' | 'format'>): Promise<ContextPlan>;
}

export interface OllamaWorld {
  /** The fetch the client uses underneath our guard (tests may pass one that fails). */
  fetch?: typeof fetch;
  now?: () => number;
}

const DEFAULT_MAX_ANSWER = 1024 * 1024;
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EADDRNOTAVAIL']);

type Phase = 'load' | 'answer' | 'call';

/** One request's watchdog: a total budget, an idle budget once data flows, and what it saw. */
class Guard {
  reason: 'total' | 'idle' | undefined;
  streamError: string | undefined;
  malformedLine: string | undefined;
  gotResponse = false;
  private readonly controller = new AbortController();
  private total: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly totalMs: number,
    private readonly idleMs: number | undefined,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  start(): void {
    this.total = setTimeout(() => this.fire('total'), this.totalMs);
  }

  /** Data arrived: the idle budget starts again. */
  activity(): void {
    if (this.idleMs === undefined) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.fire('idle'), this.idleMs);
  }

  abort(): void {
    this.controller.abort(new Error('aborted by designgate'));
  }

  stop(): void {
    clearTimeout(this.total);
    clearTimeout(this.idle);
  }

  private fire(reason: 'total' | 'idle'): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.controller.abort(new Error(`designgate ${reason} timeout`));
  }
}

/**
 * Opens the boundary. Nothing is contacted until the first call.
 * @example const model = connectOllama({ host: 'http://127.0.0.1:11434', model: 'qwen2.5-coder:7b', options: { temperature: 0, seed: 7 }, timeoutMs: 600_000 })
 */
export function connectOllama(settings: OllamaSettings, world: OllamaWorld = {}): OllamaBoundary {
  const baseFetch = world.fetch ?? globalThis.fetch;
  const now = world.now ?? (() => performance.now());
  const idleMs = settings.idleTimeoutMs ?? Math.min(settings.timeoutMs, 120_000);
  const maxAnswer = settings.maxAnswerBytes ?? DEFAULT_MAX_ANSWER;
  let infoPromise: Promise<ModelInfo> | undefined;

  /** A client whose every request runs under `guard`. */
  async function clientFor(guard: Guard) {
    const { Ollama } = await import('ollama');
    return new Ollama({ host: settings.host, fetch: guardedFetch(baseFetch, guard) });
  }

  /** Runs one client call under a fresh guard and translates its failure. */
  async function call<T>(phase: Phase, totalMs: number, idle: number | undefined, body: (client: Awaited<ReturnType<typeof clientFor>>, guard: Guard) => Promise<T>): Promise<T> {
    const guard = new Guard(totalMs, idle);
    const client = await clientFor(guard);
    guard.start();
    try {
      return await body(client, guard);
    } catch (error) {
      throw translate(error, guard, phase, settings);
    } finally {
      guard.stop();
    }
  }

  async function info(): Promise<ModelInfo> {
    infoPromise ??= (async () => {
      const version = await call('call', settings.timeoutMs, undefined, async (c) => (await c.version()).version);
      const shown = await call('call', settings.timeoutMs, undefined, async (c) => {
        try {
          return await c.show({ model: settings.model });
        } catch (error) {
          if (isResponseError(error) && error.status_code === 404) {
            const installed = await c.list().then((l) => l.models.map((x) => x.name)).catch(() => [] as string[]);
            throw new ModelError('model-missing', m.modelMissing(settings.model, settings.host, installed), m.modelMissingFix(settings.model));
          }
          throw error;
        }
      });
      return { version, contextLength: contextLengthOf(shown.model_info as unknown, shown.parameters) };
    })();
    try {
      return await infoPromise;
    } catch (error) {
      infoPromise = undefined;
      throw error;
    }
  }

  async function plan(request: Pick<AskRequest, 'system' | 'prompt' | 'format'>): Promise<ContextPlan> {
    const { contextLength } = await info();
    const text = request.system + request.prompt + (request.format === undefined ? '' : JSON.stringify(request.format));
    return planContext(estimateTokens(text), contextLength, settings.options);
  }

  return {
    host: settings.host,
    model: settings.model,
    info,
    plan,
    async preload() {
      await info();
      await call('load', settings.timeoutMs, undefined, (c) =>
        c.generate({ model: settings.model, prompt: '', stream: false, keep_alive: settings.keepAlive ?? '10m' }),
      );
    },
    async ask(request) {
      const contextPlan = await plan(request);
      const options: Record<string, unknown> = { ...settings.options, num_ctx: contextPlan.numCtx, num_predict: contextPlan.numPredict };
      const started = now();
      return call('answer', settings.timeoutMs, idleMs, async (client, guard) => {
        const stream = await client.chat({
          model: settings.model,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.prompt },
          ],
          stream: true,
          ...(request.format === undefined ? {} : { format: request.format as object }),
          options,
          keep_alive: settings.keepAlive ?? '10m',
        });
        const pieces: string[] = [];
        let bytes = 0;
        let tokens = 0;
        let last: { done_reason?: string; prompt_eval_count?: number; eval_count?: number } | undefined;
        for await (const part of stream) {
          const piece = part.message?.content ?? '';
          bytes += Buffer.byteLength(piece, 'utf8');
          if (bytes > maxAnswer) {
            guard.abort();
            throw new ModelError('too-large', m.answerTooLarge(maxAnswer), m.answerTooLargeFix);
          }
          pieces.push(piece);
          tokens++;
          request.onProgress?.({ tokens, elapsedMs: now() - started });
          if (part.done) last = part;
        }
        const doneReason = last?.done_reason ?? 'stop';
        if (doneReason === 'length') throw new ModelError('truncated', m.answerTruncated(contextPlan.numPredict), m.answerTruncatedFix);
        const promptTokens = last?.prompt_eval_count;
        const evalTokens = last?.eval_count;
        // A prompt and answer that together fill the context mean Ollama dropped part of the prompt.
        if (promptTokens !== undefined && promptTokens + (evalTokens ?? 0) >= contextPlan.numCtx) {
          throw new ModelError('context-full', m.contextFull(contextPlan.numCtx), m.contextFullFix);
        }
        return { content: pieces.join(''), doneReason, options, plan: contextPlan, promptTokens, evalTokens, elapsedMs: now() - started };
      });
    },
  };
}

/** The context length in `/api/show`: `model_info["<arch>.context_length"]`, else `num_ctx` in its parameters. */
export function contextLengthOf(modelInfo: unknown, parameters: unknown): number | undefined {
  if (modelInfo !== null && typeof modelInfo === 'object') {
    for (const [key, value] of Object.entries(modelInfo as Record<string, unknown>)) {
      if (key.endsWith('.context_length') && typeof value === 'number' && value > 0) return value;
    }
  }
  if (typeof parameters === 'string') {
    const match = /^num_ctx\s+(\d+)\s*$/m.exec(parameters);
    if (match !== null) return Number(match[1]);
  }
  return undefined;
}

/**
 * The fetch the client gets: our guard's signal joins any signal of the client's; a non-JSON error
 * body becomes `{"error": text}`; a streamed body is watched line by line.
 */
function guardedFetch(base: typeof fetch, guard: Guard): typeof fetch {
  return async (input, init) => {
    const signal = init?.signal ? AbortSignal.any([init.signal, guard.signal]) : guard.signal;
    const response = await base(input, { ...init, signal });
    guard.gotResponse = true;
    guard.activity();
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok && !type.includes('application/json')) {
      const text = await response.text().catch(() => '');
      return new Response(JSON.stringify({ error: text.trim() || `HTTP ${response.status}` }), {
        status: response.status,
        statusText: response.statusText,
        headers: { 'content-type': 'application/json' },
      });
    }
    if (!type.includes('ndjson') || response.body === null) return response;
    return new Response(response.body.pipeThrough(watchLines(guard)), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** Passes the bytes through, noting activity, and errors the stream on a line that is not JSON. */
function watchLines(guard: Guard): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  let buffer = '';
  const check = (line: string, controller: TransformStreamDefaultController<Uint8Array>): boolean => {
    if (line.trim() === '') return true;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      guard.malformedLine = line.slice(0, 200);
      controller.error(new Error('malformed NDJSON line'));
      return false;
    }
    if (value !== null && typeof value === 'object' && 'error' in value) guard.streamError = String((value as { error: unknown }).error);
    return true;
  };
  return new TransformStream({
    transform(chunk, controller) {
      guard.activity();
      buffer += decoder.decode(chunk, { stream: true });
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (!check(line, controller)) return;
      controller.enqueue(chunk);
    },
    flush(controller) {
      buffer += decoder.decode();
      check(buffer, controller);
    },
  });
}

interface ResponseErrorLike extends Error {
  error: string;
  status_code: number;
}

/** The client's ResponseError class is not exported (ecosystem.md §7): recognise it by name. */
function isResponseError(error: unknown): error is ResponseErrorLike {
  return error instanceof Error && error.name === 'ResponseError' && typeof (error as Partial<ResponseErrorLike>).status_code === 'number';
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** One failure of the client → one ModelError with its cause and fix. */
function translate(error: unknown, guard: Guard, phase: Phase, settings: OllamaSettings): unknown {
  if (error instanceof DesignGateError) return error;
  const seconds = Math.round(settings.timeoutMs / 1000);
  if (guard.reason === 'total') {
    if (phase === 'load') return new ModelError('load-timeout', m.loadTimeout(settings.model, seconds), m.loadTimeoutFix(settings.model), error);
    return new ModelError('timeout', m.answerTimeout(seconds), m.answerTimeoutFix, error);
  }
  if (guard.reason === 'idle') return new ModelError('stalled', m.streamStalled(Math.round((settings.idleTimeoutMs ?? Math.min(settings.timeoutMs, 120_000)) / 1000)), m.streamStalledFix, error);
  if (guard.malformedLine !== undefined) return new ModelError('malformed-stream', m.malformedStream(guard.malformedLine), m.serverLogFix, error);
  if (guard.streamError !== undefined) return new ModelError('stream-error', m.streamError(guard.streamError), m.serverLogFix, error);
  if (isResponseError(error)) {
    if (error.status_code === 404 && /not found/i.test(error.error)) {
      return new ModelError('model-missing', m.modelMissing(settings.model, settings.host, []), m.modelMissingFix(settings.model), error);
    }
    return new ModelError('server-error', m.serverError(error.status_code, error.error), m.serverLogFix, error);
  }
  const code = errorCode(error);
  if (!guard.gotResponse && code !== undefined && CONNECT_CODES.has(code)) {
    return new ModelError('unreachable', m.unreachable(settings.host, code), m.unreachableFix, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('dropped', m.streamDropped(message), m.streamDroppedFix, error);
}
