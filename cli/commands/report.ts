/**
 * `designgate report --html <file> [--json]`: where the repository stands, as one self-contained
 * page (the architecture drawn, the traceability matrix, problems with fixes, approvers) and/or as
 * JSON on stdout. Like `status`, it informs and exits 0 whenever it could run; `check` is the gate.
 */
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { loadWorkspace } from '../../core/workspace.js';
import { gatherReport } from '../../core/report.js';
import { DesignGateError, isDesignGateError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/fs-atomic.js';
import { reportMessages as m } from '../../core/messages/report.js';
import { userCacheDir } from '../cache-dir.js';
import { workTreeReader } from '../read-file.js';
import { EXIT } from '../exit.js';

export const command: Command = {
  name: 'report',
  usage: ['designgate report --html <file> [--json]', 'designgate report --json'],
  options: {
    html: { type: 'string', description: 'write the report as one self-contained HTML page to this file' },
    json: { type: 'boolean', description: 'print the report data as JSON on stdout' },
  },
  details:
    'The page draws the architecture (contexts as groups, components coloured by state, allowed and actual\n' +
    'dependencies, forbidden ones in red; laid out by ELK), the story × component traceability matrix, the problems\n' +
    'with their fixes and the approvers, with filters by context and state and a search. It needs no network.\n' +
    'States: missing, invalid, draft, unverified, stale, suspect, untested, approved. Exit 0 whenever it could run.',
  async run(io, { positionals, values }) {
    if (positionals.length > 0) throw new DesignGateError('USAGE', m.noPositionals, { fix: m.noPositionalsFix });
    const html = typeof values['html'] === 'string' ? values['html'] : undefined;
    const json = values['json'] === true;
    if (html === undefined && !json) throw new DesignGateError('USAGE', m.needsOutput, { fix: m.needsOutputFix });
    const ws = await loadWorkspace({ cwd: io.cwd, env: io.env });
    const data = await gatherReport(ws, workTreeReader(ws.repoRoot), { env: io.env, now: new Date(), cacheKeyDir: userCacheDir(io.env) });
    if (html !== undefined) {
      const [{ layoutReport }, { renderReportHtml }] = await Promise.all([import('../format/report-layout.js'), import('../format/report-html.js')]);
      const page = renderReportHtml(data, await layoutReport(data));
      const file = resolve(io.cwd, html);
      try {
        await writeFileAtomic(file, page, { overwrite: true });
      } catch (error) {
        if (isDesignGateError(error)) throw error;
        throw new DesignGateError('IO', m.writeFailed(html, (error as NodeJS.ErrnoException).code ?? String(error)), { fix: m.writeFailedFix, cause: error });
      }
      (json ? io.stderr : io.stdout)(m.written(html, data.components.length, Math.ceil(Buffer.byteLength(page) / 1024)));
    }
    if (json) io.stdout(`${JSON.stringify(data, null, 2)}\n`);
    return EXIT.ok;
  },
};
