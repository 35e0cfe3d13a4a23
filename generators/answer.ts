/**
 * A code session's answer is untrusted input (R13): it must be one JSON object that the shipped
 * schema (`schema/generator-answer.schema.json`, `additionalProperties: false`) accepts, with each
 * file under the size cap. Nothing is repaired — not a trailing comma, not a fenced block, not an
 * extra key such as `path` (F1, F6): the errors go back to the model as the reason for a retry.
 */
import { loadValidator, readSchema, describeErrors } from '../core/config/schema-validator.js';
import { generatorMessages as m } from '../core/messages/generators.js';

export const ANSWER_SCHEMA = 'generator-answer';
/** The most one generated file may hold (F8). */
export const MAX_FILE_BYTES = 512 * 1024;

export interface CodeAnswer {
  code: string;
  test?: string;
  notes?: string;
}

export type AnswerCheck = { ok: true; answer: CodeAnswer } | { ok: false; errors: string[] };

/**
 * The structured-output schema to send to Ollama: the shipped schema, without the test file when
 * the tests are locked (the model is not asked for what will not be written).
 */
export function answerFormat(testsLocked: boolean): Record<string, unknown> {
  const schema = readSchema(ANSWER_SCHEMA);
  const properties = { ...(schema['properties'] as Record<string, unknown>) };
  if (testsLocked) delete properties['test'];
  return { type: 'object', additionalProperties: false, required: testsLocked ? ['code'] : ['code', 'test'], properties };
}

/**
 * One JSON value that the shipped schema `schema/<schema>.schema.json` accepts, or the errors to
 * send back to the model (every session that asks for structured output checks its answer here).
 * @example parseAnswer('{"code": 1}', 'generator-answer') // { ok: false, errors: ['the answer at /code: must be a string'] }
 */
export function parseAnswer(raw: string, schema: string): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { ok: false, errors: [m.answerNotJson(error instanceof Error ? error.message : String(error))] };
  }
  const validate = loadValidator(schema);
  if (!validate(value)) {
    const issues = describeErrors(validate.errors ?? [], readSchema(schema));
    return { ok: false, errors: issues.map((i) => m.answerSchemaError(i.path === '' ? '/' : i.path, i.message)) };
  }
  return { ok: true, value };
}

/**
 * Parses and checks a raw answer.
 * @example checkAnswer('{"code":"x","path":"../../.ssh/authorized_keys"}') // { ok: false, errors: ['/: unknown key "path" …'] }
 */
export function checkAnswer(raw: string, options: { testRequired: boolean }): AnswerCheck {
  const parsed = parseAnswer(raw, ANSWER_SCHEMA);
  if (!parsed.ok) return parsed;
  const answer = parsed.value as CodeAnswer;
  const errors: string[] = [];
  for (const key of ['code', 'test'] as const) {
    const text = answer[key];
    if (text !== undefined && Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) errors.push(m.answerFileTooLarge(key, MAX_FILE_BYTES));
  }
  if (options.testRequired && answer.test === undefined) errors.push(m.answerTestMissing);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answer };
}
