/**
 * The prompt of one code-session attempt, from the templates `code-system` and `code`. Each attempt
 * is built afresh from the same parts — the design, the dependencies' public APIs, the type's
 * rules, the two files as they are now, and only the last attempt's failure — so nothing
 * accumulates from attempt to attempt and the prompt stays the size of one component.
 */
import { generatorMessages as m } from '../core/messages/generators.js';
import type { CodeContext, DependencyApi } from './context.js';
import { dataBlock, renderPrompt, type PromptTemplate } from './prompts.js';
import { tailText } from './sanitize.js';

/** How much of a failing test run goes back to the model. */
export const FEEDBACK_OUTPUT_BYTES = 8 * 1024;

export interface CodePromptInput {
  designPath: string;
  designText: string;
  codePath: string;
  testPath: string;
  testsLocked: boolean;
  context: CodeContext;
  /** The files as they are now (absent: the file does not exist). */
  currentCode?: string;
  currentTest?: string;
  /** What went wrong in the previous attempt, one line each. */
  feedback?: readonly string[];
  /** The previous attempt's test output. */
  testOutput?: string;
  attempt: number;
  maxAttempts: number;
}

/** The system and user prompt of one attempt. */
/** The dependencies' Public API sections as data blocks, one heading each (also in design prompts). */
export function formatDependencies(dependencies: readonly DependencyApi[]): string {
  if (dependencies.length === 0) return m.promptNoDependencies;
  return dependencies.map((d) => `### ${d.id}\n\n${d.api === undefined ? m.promptNoApi(d.designPath) : dataBlock(`${d.designPath} Public API`, d.api)}`).join('\n\n');
}

export function buildCodePrompt(templates: { system: PromptTemplate; user: PromptTemplate }, input: CodePromptInput): { system: string; prompt: string } {
  const deps = formatDependencies(input.context.dependencies);
  const rules =
    input.context.sections.length === 0
      ? m.promptNoRules
      : input.context.sections.map((s) => `- ${s}${input.context.guidance[s] ? `: ${input.context.guidance[s]}` : ''}`).join('\n');
  const file = (path: string, text: string | undefined) => (text === undefined ? m.promptFileMissing(path) : dataBlock(path, text));
  const feedbackParts: string[] = [];
  if (input.feedback !== undefined && input.feedback.length > 0) feedbackParts.push(input.feedback.map((f) => `- ${f}`).join('\n'));
  if (input.testOutput !== undefined) feedbackParts.push(`${m.promptTestOutput}\n\n${dataBlock('test output', tailText(input.testOutput, FEEDBACK_OUTPUT_BYTES))}`);
  const prompt = renderPrompt(templates.user, {
    component: input.codePath,
    codePath: input.codePath,
    testPath: input.testPath,
    testNote: input.testsLocked ? m.promptTestLocked : m.promptTestWanted,
    attempt: String(input.attempt),
    maxAttempts: String(input.maxAttempts),
    designPath: input.designPath,
    design: dataBlock(input.designPath, input.designText),
    dependencies: deps,
    type: input.context.type,
    rules,
    currentFiles: `${file(input.codePath, input.currentCode)}\n\n${file(input.testPath, input.currentTest)}`,
    feedback: feedbackParts.length === 0 ? m.promptFirstAttempt : feedbackParts.join('\n\n'),
  });
  return { system: renderPrompt(templates.system, {}), prompt };
}
