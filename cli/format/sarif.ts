/**
 * Problem[] → SARIF 2.1.0, the format code-scanning tools read (GitHub's `upload-sarif` shows it in
 * the Security tab and on pull requests). One run, one rule per rule id that occurs, one result per
 * problem; paths are relative to the repository root (`%SRCROOT%`).
 */
import type { Problem } from '../../core/problem.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region?: { startLine: number; startColumn?: number };
    };
  }>;
}

/** A path as a relative URI reference: each segment percent-encoded, slashes kept. */
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * @example JSON.parse(formatSarif(problems, '0.1.0')).runs[0].results.length // problems.length
 */
export function formatSarif(problems: readonly Problem[], version: string): string {
  const ruleIds = [...new Set(problems.map((p) => p.ruleId))].sort();
  const results: SarifResult[] = problems.map((p) => ({
    ruleId: p.ruleId,
    ruleIndex: ruleIds.indexOf(p.ruleId),
    level: p.severity === 'error' ? 'error' : 'warning',
    message: { text: p.fix === undefined ? p.message : `${p.message}\nfix: ${p.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(p.file), uriBaseId: '%SRCROOT%' },
          ...(p.line === undefined ? {} : { region: { startLine: p.line, ...(p.column === undefined ? {} : { startColumn: p.column }) } }),
        },
      },
    ],
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'designgate', version, informationUri: 'https://www.npmjs.com/package/designgate', rules: ruleIds.map((id) => ({ id, name: id })) } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'the root of the repository' } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
