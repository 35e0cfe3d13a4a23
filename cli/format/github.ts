/**
 * Problem[] → GitHub Actions workflow commands (`::error file=…,line=…::message`), which GitHub shows
 * as annotations on the pull request's files. Values are escaped as the runner expects: `%`, CR and
 * LF everywhere, and `:` and `,` in properties too, so a message can never end the command early or
 * inject another one.
 */
import type { Problem } from '../../core/problem.js';

/** Escapes the message part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=`, `title=`) of a workflow command. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One `::error` or `::warning` line per problem; the fix follows the message on a second line of
 * the annotation.
 * @example formatGithub([{ file: 'src/a.ts', ruleId: 'missing-design', severity: 'error', message: 'no design' }])
 *   // '::error file=src/a.ts,title=missing-design::no design\n'
 */
export function formatGithub(problems: readonly Problem[]): string {
  const lines = problems.map((p) => {
    const props = [`file=${escapeProperty(p.file)}`];
    if (p.line !== undefined) props.push(`line=${p.line}`);
    if (p.line !== undefined && p.column !== undefined) props.push(`col=${p.column}`);
    props.push(`title=${escapeProperty(p.ruleId)}`);
    const text = p.fix === undefined ? p.message : `${p.message}\nfix: ${p.fix}`;
    return `::${p.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(text)}`;
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
