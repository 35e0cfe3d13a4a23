/**
 * `designgate verify --base <ref> [--head <ref>] [--format text|json|github|sarif]`: what CI runs on
 * every pull request and push. It verifies every commit of base..head (core/verify) and prints the
 * problems in the chosen format; a range that cannot be verified (shallow clone, missing or
 * non-ancestor base, empty or inverted range) exits 2 with the fix, never 0.
 */
import type { Command } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { openGit } from '../../core/git/index.js';
import { hookMessages as m } from '../../core/messages/hooks.js';
import { hasErrors } from '../../core/problem.js';
import { verifyRange } from '../../core/verify/verify.js';
import { formatProblemsText, summarise } from '../format/problems.js';
import { formatGithub } from '../format/github.js';
import { formatSarif } from '../format/sarif.js';
import { EXIT } from '../exit.js';
import { userCacheDir } from '../cache-dir.js';
import { version } from '../version.js';
import { lintDocuments } from '../check-staged.js';

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const command: Command = {
  name: 'verify',
  usage: ['designgate verify --base <ref> [--head <ref>] [--format text|json|github|sarif]'],
  options: {
    base: { type: 'string', description: 'the commit the change starts from (e.g. origin/main); required' },
    head: { type: 'string', description: 'the last commit to verify (default HEAD)' },
    format: { type: 'string', description: 'text (default), json, github (workflow annotations) or sarif' },
    json: { type: 'boolean', description: 'the same as --format json' },
  },
  details:
    'Checks every commit of base..head at its own tree: each changed code file has its design and test,\n' +
    'the designs it relies on were approved (trailers, signatures, approvers) before it, approval commits\n' +
    'change approval blocks only, and changed designs pass the lint rules. Approvers and keys are read\n' +
    'from the base. Needs the whole history: in GitHub Actions use actions/checkout with fetch-depth: 0.\n' +
    'Exit 1 when a gate fails; exit 2 when the range cannot be verified (it never passes over nothing).',
  async run(io, { values }) {
    const base = values['base'];
    if (typeof base !== 'string' || base === '') throw new DesignGateError('USAGE', m.baseRequired, { fix: m.baseRequiredFix });
    const head = typeof values['head'] === 'string' ? values['head'] : 'HEAD';
    const format = formatOf(values['format'], values['json'] === true);
    const git = await openGit({ cwd: io.cwd, env: io.env });
    try {
      const result = await verifyRange({ git, ctx: { cwd: git.root, env: io.env }, base, head, now: new Date(), lint: lintDocuments, cacheKeyDir: userCacheDir(io.env) });
      const { problems } = result;
      switch (format) {
        case 'json':
          io.stdout(`${JSON.stringify({ base: result.base, head: result.head, commits: result.commits, problems }, null, 2)}\n`);
          break;
        case 'github':
          io.stdout(formatGithub(problems));
          break;
        case 'sarif':
          io.stdout(formatSarif(problems, version));
          break;
        default:
          io.stdout(formatProblemsText(problems, io.color));
      }
      if (format !== 'json' && format !== 'sarif') {
        const n = result.commits.length;
        io.stderr(problems.length === 0 ? m.verifyPassed(n, base, head) : m.verifySummary(n, base, head, summarise(problems)));
      }
      return hasErrors(problems) ? EXIT.gateFailed : EXIT.ok;
    } finally {
      await git.close();
    }
  },
};

function formatOf(value: unknown, json: boolean): Format {
  if (value === undefined) return json ? 'json' : 'text';
  if (typeof value === 'string' && (FORMATS as readonly string[]).includes(value)) {
    if (json && value !== 'json') throw new DesignGateError('USAGE', m.formatConflict(value), { fix: m.unknownFormatFix });
    return value as Format;
  }
  throw new DesignGateError('USAGE', m.unknownFormat(String(value)), { fix: m.unknownFormatFix });
}
