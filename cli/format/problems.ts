/** Problem[] → text or JSON. Text is one line per problem, then its fix indented below. */
import { styleText } from 'node:util';
import type { Problem } from '../../core/problem.js';
import { formatLocation } from '../../core/errors.js';

export function formatProblemsText(problems: readonly Problem[], color: boolean): string {
  // The caller decides about colour; styleText would otherwise also check this process's stdout.
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (color ? styleText(style, text, { validateStream: false }) : text);
  const out: string[] = [];
  for (const p of problems) {
    const level = p.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
    out.push(`${formatLocation(p)}: ${level} ${p.message} ${paint('dim', `[${p.ruleId}]`)}`);
    if (p.fix !== undefined) out.push(`  fix: ${p.fix}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

export function formatProblemsJson(problems: readonly Problem[]): string {
  return `${JSON.stringify({ problems }, null, 2)}\n`;
}

/** `2 errors, 1 warning` */
export function summarise(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
