/**
 * Prompts are Markdown templates: shipped in `generators/prompts/<name>.md`, overridable per
 * repository in `.designgate/prompts/<name>.md`. A template names its inputs as `{{name}}`;
 * rendering is one pass over the template, so text from the repository that happens to contain
 * `{{…}}` stays text (R15). Repository text goes inside `<<<BEGIN …>>>`/`<<<END …>>>` markers
 * whose tag is derived from the text's own hash, so a design cannot close its block early and
 * speak as the tool. None of this decides what is written: the paths come from the mapping.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DesignGateError } from '../core/errors.js';
import { packageFile } from '../core/package-root.js';
import { generatorMessages as m } from '../core/messages/generators.js';

export type PromptName = 'code-system' | 'code' | 'design-system' | 'design' | 'reverse-design-system' | 'reverse-design' | 'architecture-system' | 'architecture';
export const PROMPT_NAMES: readonly PromptName[] = ['code-system', 'code', 'design-system', 'design', 'reverse-design-system', 'reverse-design', 'architecture-system', 'architecture'];

export interface PromptTemplate {
  name: PromptName;
  text: string;
  /** The file it came from. */
  file: string;
  source: 'package' | 'repository';
}

/**
 * The shipped templates: `generators/prompts/` of the package. Found from the package root, not
 * from this module's URL, because the bundled bin runs this code from `dist/bin/cli.cjs`, where
 * no fixed relative path reaches the templates.
 */
export function packagedPromptsDir(): string {
  return packageFile('generators', 'prompts');
}

/** The repository's override when there is one, else the shipped template. */
export async function loadPrompt(name: PromptName, repoRoot: string): Promise<PromptTemplate> {
  const override = join(repoRoot, '.designgate', 'prompts', `${name}.md`);
  const text = await readFile(override, 'utf8').catch(() => undefined);
  if (text !== undefined) return { name, text, file: override, source: 'repository' };
  const file = join(packagedPromptsDir(), `${name}.md`);
  return { name, text: await readFile(file, 'utf8'), file, source: 'package' };
}

/**
 * Fills `{{name}}` placeholders in one pass. Throws CONFIG when the template names an input that
 * does not exist (a typo in a repository's override).
 * @example renderPrompt('Hi {{who}}', { who: '{{who}}' }) // 'Hi {{who}}'
 */
export function renderPrompt(template: PromptTemplate | string, values: Readonly<Record<string, string>>): string {
  const text = typeof template === 'string' ? template : template.text;
  const file = typeof template === 'string' ? '(template)' : template.file;
  return text.replace(/\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new DesignGateError('CONFIG', m.unknownPlaceholder(file, key, Object.keys(values)), { fix: m.unknownPlaceholderFix });
    return value;
  });
}

/**
 * Repository text as a marked data block.
 * @example dataBlock('docs/design/a.md', 'text') // '<<<BEGIN docs/design/a.md 1a2b3c4d>>>\ntext\n<<<END docs/design/a.md 1a2b3c4d>>>'
 */
export function dataBlock(label: string, text: string): string {
  const tag = createHash('sha256').update(label).update('\0').update(text).digest('hex').slice(0, 8);
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `<<<BEGIN ${label} ${tag}>>>\n${body}<<<END ${label} ${tag}>>>`;
}
