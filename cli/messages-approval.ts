/** Sentences the `approve` and `unapprove` commands print (core sentences live in core/messages/approval.ts). */
const list = (paths: readonly string[]): string => paths.map((p) => `  ${p}\n`).join('');

export const approvalCliMessages = {
  needsDesigns: (command: string) => `${command}: give at least one design document or folder`,
  unchanged: (path: string, reason: string) => `${path}: ${reason}\n`,
  nothingToDo: (command: string) => `${command}: nothing to do\n`,
  approveSubject: (paths: readonly string[]) => (paths.length === 1 ? `Approve ${paths[0]}` : `Approve ${paths.length} designs`),
  confirmSubject: (paths: readonly string[]) => (paths.length === 1 ? `Confirm ${paths[0]} against its context` : `Confirm ${paths.length} designs against their contexts`),
  unapproveSubject: (paths: readonly string[]) => (paths.length === 1 ? `Unapprove ${paths[0]}` : `Unapprove ${paths.length} designs`),
  body: (paths: readonly string[]) => paths.join('\n'),
  approved: (paths: readonly string[], commit: string, signed: boolean) =>
    `approved ${paths.length} design${paths.length === 1 ? '' : 's'} in commit ${commit.slice(0, 12)}${signed ? ' (signed)' : ' (unsigned: signedApprovals is off)'}\n${list(paths)}`,
  confirmed: (paths: readonly string[], commit: string, signed: boolean) =>
    `confirmed ${paths.length} design${paths.length === 1 ? '' : 's'} against the architecture in commit ${commit.slice(0, 12)}${signed ? ' (signed)' : ' (unsigned: signedApprovals is off)'}\n${list(paths)}`,
  unapproved: (paths: readonly string[], commit: string) =>
    `withdrew the approval of ${paths.length} design${paths.length === 1 ? '' : 's'} in commit ${commit.slice(0, 12)}\n${list(paths)}`,
  staged: (paths: readonly string[], trailer: string, command: string) =>
    `staged the approval of ${paths.length} design${paths.length === 1 ? '' : 's'} (not committed):\n${list(paths)}` +
    `add this trailer to the commit message:\n  ${trailer}\n` +
    `for example:\n  ${command}\n`,
  commitCommand: (sign: boolean, trailer: string, subject: string, paths: readonly string[]) =>
    `git commit${sign ? ' -S' : ''} --trailer ${shellQuote(trailer)} -m ${shellQuote(subject)} -- ${paths.map(shellQuote).join(' ')}`,
} as const;

/** Quotes a word for a POSIX shell so the printed command can be pasted as it is. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
