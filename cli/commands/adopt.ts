/**
 * `designgate adopt [--draft [<code-path…>]] [--dry-run] [--json]`: writes the adoption baseline (.designgate/baseline.json),
 * every existing code file that has no design, so an existing code base starts on day one. Re-run,
 * it drops entries whose design was written or whose file is gone and adds new design-less files:
 * adding is the human's act, and only this command does it. It never overwrites uncommitted edits
 * of the baseline. Committing a baseline that grows needs an approver's signed trailer (verify).
 * With `--draft` it writes no baseline: the local model drafts designs of those files (or of the
 * files named) for review instead (cli/adopt-draft.ts).
 */
import { join } from 'node:path';
import type { Command } from '../command.js';
import { loadWorkspace } from '../../core/workspace.js';
import { checkStructure } from '../../core/structure.js';
import { BASELINE_FILE, formatBaseline } from '../../core/baseline/format.js';
import { planAdoption } from '../../core/baseline/diff.js';
import { DesignGateError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/fs-atomic.js';
import { openGit } from '../../core/git/index.js';
import { baselineMessages as m } from '../../core/messages/baseline.js';
import { workTreeReader } from '../read-file.js';
import { runAdoptDraft } from '../adopt-draft.js';
import { EXIT } from '../exit.js';

export const command: Command = {
  name: 'adopt',
  usage: ['designgate adopt [--dry-run] [--json]', 'designgate adopt --draft [<code-path…>] [--dry-run] [--json]'],
  options: {
    draft: { type: 'boolean', description: 'draft designs of the design-less code files (or of the code paths named) with the local model, for review; writes no baseline' },
    'dry-run': { type: 'boolean', description: 'show what would be added and removed; write nothing' },
    json: { type: 'boolean', description: 'print the outcome as JSON (file, added, removed, files, written)' },
  },
  details:
    `Lists every code file that has no design in ${BASELINE_FILE}: they need no design (nor test) until someone\n` +
    'writes one. Re-running it removes entries whose design now exists or whose file is gone, and adds new design-less\n' +
    'files. Commit the file; verify refuses a baseline that grows unless an approver of the protected branch approved\n' +
    'the commit (baseline-grown); shrinking it is always fine. It refuses (exit 2) to overwrite uncommitted edits of it.\n' +
    'With --draft it writes no baseline: the local model (Ollama, see docs/generate.md) drafts a design, status: draft,\n' +
    'for each design-less code file (or each code path named) for review; existing designs are never replaced.\n' +
    'Exit codes with --draft: 0 drafted or skipped, 2 a path refused or the model unreachable, 3 a draft escalated.',
  async run(io, { positionals, values }) {
    const draft = values['draft'] === true;
    if (positionals.length > 0 && !draft) throw new DesignGateError('USAGE', m.adoptNoPositionals, { fix: m.adoptNoPositionalsFix });
    const dryRun = values['dry-run'] === true;
    const json = values['json'] === true;
    if (draft && positionals.length > 0) return runAdoptDraft(io, positionals, { json, dryRun });
    const ws = await loadWorkspace({ cwd: io.cwd, env: io.env });
    const read = workTreeReader(ws.repoRoot);
    // The structural gate reads (and validates) the current baseline: a malformed one stops here, located.
    const { components, baseline } = await checkStructure(ws, read);
    const plan = planAdoption(baseline, components);
    if (draft) {
      if (plan.files.length === 0) {
        io.stdout(`${m.adoptNothingToDraft}\n`);
        return EXIT.ok;
      }
      return runAdoptDraft(io, plan.files.map((f) => join(ws.repoRoot, f)), { json, dryRun });
    }
    const current = await read(BASELINE_FILE);
    const text = formatBaseline(plan.files);
    const unchanged = current === undefined ? plan.files.length === 0 : current === text;
    if (!unchanged && !dryRun && current !== undefined && current !== (await committedText(io, ws.repoRoot))) {
      throw new DesignGateError('USAGE', m.adoptDirty(BASELINE_FILE), { fix: m.adoptDirtyFix(BASELINE_FILE) });
    }
    const written = !unchanged && !dryRun;
    if (written) await writeFileAtomic(join(ws.repoRoot, BASELINE_FILE), text, { overwrite: true });

    if (json) {
      io.stdout(`${JSON.stringify({ file: BASELINE_FILE, dryRun, written, added: plan.added, removed: plan.removed, files: plan.files }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (unchanged) {
      io.stdout(`${current === undefined ? m.adoptNothing : m.adoptUnchanged(BASELINE_FILE, plan.files.length)}\n`);
      return EXIT.ok;
    }
    const lines = [
      m.adoptSummary(BASELINE_FILE, plan.added.length, plan.removed.length, plan.files.length, dryRun),
      ...plan.added.map(m.adoptAdded),
      ...plan.removed.map(m.adoptRemoved),
    ];
    if (written) lines.push(plan.added.length > 0 ? m.adoptNextGrown(BASELINE_FILE) : m.adoptNextShrunk(BASELINE_FILE));
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};

/** The baseline as HEAD has it (undefined before the first commit or when HEAD has none). */
async function committedText(io: { cwd: string; env: NodeJS.ProcessEnv }, repoRoot: string): Promise<string | undefined> {
  const git = await openGit({ cwd: repoRoot, env: io.env });
  try {
    const head = await git.resolve('HEAD');
    return head === undefined ? undefined : (await git.readAt(head, BASELINE_FILE))?.toString('utf8');
  } finally {
    await git.close();
  }
}
