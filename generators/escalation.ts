/**
 * The report a code session leaves for a person when it gives up (E13, F14): what failed in each
 * attempt, the diff each attempt made, the trimmed test output, who owns the design according to
 * the approvers, and that the working tree is back as it was. Everything that came from the model
 * or a test run is sanitised (F17) and fenced so it cannot break the report's Markdown.
 */
import type { Approver } from '../core/config/types.js';
import { compileGlobs } from '../core/glob.js';
import { generatorMessages as m } from '../core/messages/generators.js';
import { sanitizeText, tailText } from './sanitize.js';

export interface AttemptSummary {
  attempt: number;
  /** The step that failed (`ask`, `check`, `test`). */
  failedAt: string;
  /** One line each. */
  reasons: string[];
  diffs: Array<{ path: string; diff: string | undefined }>;
  testOutput?: string;
}

export interface EscalationInput {
  sessionId: string;
  designPath: string;
  digest: string;
  codePath: string;
  testPath: string;
  testsLocked: boolean;
  model: string;
  host: string;
  options: Readonly<Record<string, unknown>>;
  attempts: AttemptSummary[];
  owners: string[];
  /** Whether the two paths (and anything a test run touched) are back as they were. */
  restored: boolean;
  restoreProblems: string[];
}

/** The approvers whose `paths` cover a design (config-relative path), as `Name <email>`. */
export function designOwners(approvers: readonly Approver[], configRelativeDesign: string): string[] {
  return approvers.filter((a) => compileGlobs(a.paths.length > 0 ? a.paths : ['**'])(configRelativeDesign)).map((a) => `${a.name} <${a.email}>`);
}

/** A fence longer than any backtick run in the text. */
function fenced(text: string, info = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((x) => x[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}

/** The escalation report as Markdown. */
export function renderEscalation(input: EscalationInput): string {
  const lines: string[] = [];
  lines.push(`# ${m.reportTitle(input.sessionId)}`, '');
  lines.push(`- ${m.reportDesign(input.designPath, input.digest)}`);
  lines.push(`- ${m.reportOwners(input.owners)}`);
  lines.push(`- ${m.reportFiles(input.codePath, input.testPath, input.testsLocked)}`);
  lines.push(`- ${m.reportModel(input.model, input.host, JSON.stringify(input.options))}`);
  lines.push(`- ${input.restored ? m.reportRestored : m.reportNotRestored(input.restoreProblems)}`);
  lines.push('');
  for (const a of input.attempts) {
    lines.push(`## ${m.reportAttempt(a.attempt, a.failedAt)}`, '');
    for (const reason of a.reasons) lines.push(`- ${sanitizeText(reason).split('\n').join(' ')}`);
    lines.push('');
    for (const d of a.diffs) {
      lines.push(`### ${m.reportDiff(d.path)}`, '');
      lines.push(d.diff === undefined ? m.reportDiffTooLarge : d.diff === '' ? m.reportNoChange : fenced(sanitizeText(d.diff), 'diff'), '');
    }
    if (a.testOutput !== undefined) lines.push(`### ${m.reportTestOutput}`, '', fenced(tailText(a.testOutput, 8 * 1024)), '');
  }
  lines.push(`## ${m.reportNextTitle}`, '', ...m.reportNext(input.designPath, input.sessionId).map((l) => `- ${l}`), '');
  return lines.join('\n');
}
