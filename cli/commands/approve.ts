/**
 * `designgate approve <design|folder>… [--no-commit] [--confirm]`: approve designs in one signed commit with
 * Approved-by trailers; `--confirm` only brings the recorded context digest of approved designs up to date.
 */
import type { Command } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { openGit } from '../../core/git/index.js';
import { listWorkTreeFiles } from '../../core/git/worktree.js';
import { expandDesigns, planApprove, planConfirm } from '../../core/approval/plan.js';
import { applyEdits, checkSigningSetup, currentUser } from '../../core/approval/commit.js';
import { formatIdentity } from '../../core/approval/identity.js';
import { toRepoRelative } from '../paths.js';
import { EXIT } from '../exit.js';
import { cliMessages } from '../messages.js';
import { approvalCliMessages as m } from '../messages-approval.js';

export const command: Command = {
  name: 'approve',
  usage: ['designgate approve <design|folder>… [--no-commit]', 'designgate approve --confirm <design|folder>… [--no-commit]'],
  options: {
    'no-commit': { type: 'boolean', description: 'write and stage the approval, but do not commit; print the trailer to add' },
    confirm: { type: 'boolean', description: 'keep approved (suspect) designs approved: record their context entry as the architecture stands now' },
  },
  details:
    'You (git config user.name / user.email) must be an approver in .designrc.json whose "paths" cover each design.\n' +
    'Each design must be committed as it stands: the approval commit changes approval blocks only.\n' +
    'Writes the approval block (digest, by, at) and status: approved, stages only those files and commits them\n' +
    'with `git commit -S --trailer "Approved-by: Name <email>"`, signed with your own git signing setup\n' +
    '(gpg.format ssh or openpgp, user.signingkey). Several designs (a folder) are approved in one commit.\n' +
    'If the commit fails, the files and the index are restored as they were.\n' +
    'An approval records the digest of the design\'s context entry in the architecture (approval.context); when that\n' +
    'entry changes, the designs of that context are suspect. --confirm, after you have looked at them, records the\n' +
    'entry as it stands (committed) and changes nothing else, in the same kind of signed commit.',
  async run(io, { positionals, values }) {
    if (positionals.length === 0) throw new DesignGateError('USAGE', m.needsDesigns('approve'), { fix: cliMessages.badArgumentsFix('approve') });
    const git = await openGit({ cwd: io.cwd, env: io.env });
    try {
      const repoRoot = git.root;
      const run = { cwd: repoRoot, env: io.env };
      const files = await listWorkTreeFiles(repoRoot, io.env);
      const paths = expandDesigns(repoRoot, positionals.map((p) => toRepoRelative(repoRoot, io.cwd, p)), files);
      const user = await currentUser(run);
      const confirm = values['confirm'] === true;
      const plan = await (confirm ? planConfirm : planApprove)({ repoRoot, git, paths, user, now: new Date() });
      for (const u of plan.unchanged) io.stdout(m.unchanged(u.path, u.reason));
      if (plan.edits.length === 0) {
        io.stdout(m.nothingToDo('approve'));
        return EXIT.ok;
      }
      const sign = plan.edits.some((e) => e.signed);
      if (sign) await checkSigningSetup(run, user);
      const approved = plan.edits.map((e) => e.path);
      const trailer = `Approved-by: ${formatIdentity(user)}`;
      const subject = confirm ? m.confirmSubject(approved) : m.approveSubject(approved);
      if (values['no-commit'] === true) {
        await applyEdits(run, plan.edits, undefined);
        io.stdout(m.staged(approved, trailer, m.commitCommand(sign, trailer, subject, approved)));
        return EXIT.ok;
      }
      const body = approved.length > 1 ? m.body(approved) : undefined;
      const commit = await applyEdits(run, plan.edits, { subject, ...(body === undefined ? {} : { body }), trailer, sign });
      io.stdout(confirm ? m.confirmed(approved, commit ?? '', sign) : m.approved(approved, commit ?? '', sign));
      return EXIT.ok;
    } finally {
      await git.close();
    }
  },
};
