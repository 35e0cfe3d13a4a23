/**
 * Renders a draft design document from a component type's template: frontmatter with the type and
 * `status: draft`, then each required H2 section followed by its one line of guidance (written as
 * an HTML comment-free plain line so the `required-sections` rule can tell it is still the template).
 */
import type { ComponentType } from './config/types.js';

export interface DraftInput {
  type: string;
  template: ComponentType;
  /** The code file the design is for, mentioned in the title. */
  codePath: string;
}

/**
 * @example renderDraft({ type: 'module', template, codePath: 'src/a.ts' })
 * // '---\ntype: module\nstatus: draft\nstories: []\ndepends_on: []\n---\n\n# src/a.ts\n\n## Purpose\n…'
 */
export function renderDraft(input: DraftInput): string {
  const lines = ['---', `type: ${input.type}`, 'status: draft', 'stories: []', 'depends_on: []', '---', '', `# ${input.codePath}`, ''];
  for (const section of input.template.sections) {
    lines.push(`## ${section}`, '');
    const guidance = input.template.guidance[section];
    if (guidance) lines.push(guidance, '');
  }
  return lines.join('\n');
}
