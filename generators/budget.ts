/**
 * Token budgets: how big a prompt is, and the `num_ctx`/`num_predict` a request must carry. Ollama's
 * default context is small and it truncates a longer prompt silently (ollama #10368), so every
 * request sets `num_ctx` from the prompt's size, and a prompt that cannot fit the model's context
 * is refused before it is sent (F9). `num_predict` is always set and capped, so a runaway model
 * stops (F8).
 */
import { DesignGateError } from '../core/errors.js';
import { generatorMessages as m } from '../core/messages/generators.js';

/** What a request asks for when the config does not say. */
export const DEFAULT_NUM_PREDICT = 8192;
/** The most a request may ask for, whatever the config says. */
export const MAX_NUM_PREDICT = 32768;
/** The least room for an answer that is worth sending a prompt for. */
export const MIN_ANSWER_TOKENS = 1024;
/** `num_ctx` is rounded up to this step, so similar prompts reuse a loaded model's context. */
const CONTEXT_STEP = 2048;

/**
 * An upper estimate of the tokens in `text`: one per three UTF-8 bytes. Real tokenizers give about
 * four bytes per token for English and three for code, so this errs towards a larger context,
 * never a truncated one.
 * @example estimateTokens('hello world!') // 4
 */
export function estimateTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 3);
}

export interface ContextPlan {
  /** The estimated prompt tokens. */
  promptTokens: number;
  numCtx: number;
  numPredict: number;
}

/**
 * The context a request needs: room for the prompt and the longest answer allowed. A `num_ctx`
 * in the config is honoured as a ceiling; the model's own context length (from `/api/show`) is the
 * hard one. Throws CONFIG (`context-too-small`) rather than letting Ollama cut the prompt.
 * @example planContext(1000, 32768, {}) // { promptTokens: 1000, numCtx: 10240, numPredict: 8192 }
 * @example planContext(1000, 4096, {}) // { promptTokens: 1000, numCtx: 4096, numPredict: 3096 }
 */
export function planContext(promptTokens: number, modelContext: number | undefined, options: Readonly<Record<string, unknown>>): ContextPlan {
  const asked = positiveInteger(options['num_predict']);
  const configured = positiveInteger(options['num_ctx']);
  const ceiling = Math.min(configured ?? Number.POSITIVE_INFINITY, modelContext ?? Number.POSITIVE_INFINITY);
  // An explicit num_predict is the user's to keep (capped); the default shrinks to what fits.
  const numPredict =
    asked !== undefined ? Math.min(asked, MAX_NUM_PREDICT) : Math.max(Math.min(DEFAULT_NUM_PREDICT, ceiling - promptTokens), MIN_ANSWER_TOKENS);
  const needed = promptTokens + numPredict;
  if (needed > ceiling) {
    const which = configured !== undefined && configured <= (modelContext ?? Number.POSITIVE_INFINITY) ? 'config' : 'model';
    throw new DesignGateError('CONFIG', m.contextTooSmall(promptTokens, numPredict, ceiling, which), { fix: m.contextTooSmallFix(which) });
  }
  const rounded = Math.ceil(needed / CONTEXT_STEP) * CONTEXT_STEP;
  return { promptTokens, numPredict, numCtx: Math.min(rounded, ceiling) };
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
