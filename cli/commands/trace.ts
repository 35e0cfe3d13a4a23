/** `designgate trace [--format text|json|markdown|mermaid] [--json]`: story → context → design → code → test. */
import type { Command } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { loadWorkspace } from '../../core/workspace.js';
import { traceWorkspace } from '../../core/trace.js';
import { runLocalGates } from '../../core/local-gates.js';
import { userCacheDir } from '../cache-dir.js';
import { formatTraceJson, formatTraceMarkdown, formatTraceMermaid, formatTraceText } from '../format/trace.js';
import { workTreeReader } from '../read-file.js';
import { EXIT } from '../exit.js';
import { traceMessages as m } from '../messages-trace.js';

const FORMATS = { text: formatTraceText, json: formatTraceJson, markdown: formatTraceMarkdown, mermaid: formatTraceMermaid } as const;

export const command: Command = {
  name: 'trace',
  usage: ['designgate trace [--format text|json|markdown|mermaid]', 'designgate trace --json'],
  options: {
    format: { type: 'string', description: 'text (default), json, markdown (a table) or mermaid (a flowchart)' },
    json: { type: 'boolean', description: 'the same as --format json' },
  },
  details:
    'For every story: the contexts that serve it (the architecture\'s "stories"), the designs that list it (their\n' +
    '"stories"), and each design\'s code and test, with each link\'s state: missing, draft, approved (verified as\n' +
    '`check` verifies it), stale, suspect (approved against an earlier entry of its context), untested.\n' +
    'A context that serves the story only through a design, without the architecture listing it, is marked.\n' +
    'trace always exits 0 when it could run; use `designgate check` as the gate.',
  async run(io, { values }) {
    const named = values['format'];
    if (named !== undefined && values['json'] === true) throw new DesignGateError('USAGE', m.jsonAndFormat, { fix: m.badFormatFix });
    const format = values['json'] === true ? 'json' : typeof named === 'string' ? named : 'text';
    if (!Object.hasOwn(FORMATS, format)) throw new DesignGateError('USAGE', m.badFormat(format), { fix: m.badFormatFix });
    const ws = await loadWorkspace({ cwd: io.cwd, env: io.env });
    const read = workTreeReader(ws.repoRoot);
    // The approval states shown are the verified ones, as in `status`.
    const { approvals } = await runLocalGates(ws, read, { env: io.env, now: new Date(), architecture: false, cacheKeyDir: userCacheDir(io.env) });
    const states = new Map([...approvals].map(([path, verdict]) => [path, verdict.state]));
    const trace = await traceWorkspace(ws, read, { approvals: states });
    io.stdout(FORMATS[format as keyof typeof FORMATS](trace));
    return EXIT.ok;
  },
};
