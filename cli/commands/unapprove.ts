/** `designgate unapprove <design|folder>…`: withdraw approvals with an ordinary commit. */
import type { Command } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { openGit } from '../../core/git/index.js';
import { listWorkTreeFiles } from '../../core/git/worktree.js';
import { expandDesigns, planUnapprove } from '../../core/approval/plan.js';
import { applyEdits } from '../../core/approval/commit.js';
import { toRepoRelative } from '../paths.js';
import { EXIT } from '../exit.js';
import { cliMessages } from '../messages.js';
import { approvalCliMessages as m } from '../messages-approval.js';

export const command: Command = {
  name: 'unapprove',
  usage: ['designgate unapprove <design|folder>…'],
  options: {},
  details:
    'Removes the approval block and sets status: draft in each design, stages only those files and commits them\n' +
    'with an ordinary commit. Each design must be committed as it stands. Once withdrawn, the approval counts\n' +
    'again only through a new approval commit (designgate approve).',
  async run(io, { positionals }) {
    if (positionals.length === 0) throw new DesignGateError('USAGE', m.needsDesigns('unapprove'), { fix: cliMessages.badArgumentsFix('unapprove') });
    const git = await openGit({ cwd: io.cwd, env: io.env });
    try {
      const repoRoot = git.root;
      const run = { cwd: repoRoot, env: io.env };
      const files = await listWorkTreeFiles(repoRoot, io.env);
      const paths = expandDesigns(repoRoot, positionals.map((p) => toRepoRelative(repoRoot, io.cwd, p)), files);
      const plan = await planUnapprove({ repoRoot, git, paths });
      for (const u of plan.unchanged) io.stdout(m.unchanged(u.path, u.reason));
      if (plan.edits.length === 0) {
        io.stdout(m.nothingToDo('unapprove'));
        return EXIT.ok;
      }
      const withdrawn = plan.edits.map((e) => e.path);
      const body = withdrawn.length > 1 ? m.body(withdrawn) : undefined;
      const commit = await applyEdits(run, plan.edits, { subject: m.unapproveSubject(withdrawn), ...(body === undefined ? {} : { body }), sign: false });
      io.stdout(m.unapproved(withdrawn, commit ?? ''));
      return EXIT.ok;
    } finally {
      await git.close();
    }
  },
};
