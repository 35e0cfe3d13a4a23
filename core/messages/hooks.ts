/**
 * Sentences of the gates at commit, push and CI: the hooks (pre-commit, commit-msg, pre-push,
 * pre-merge-commit), their installation, range verification (`designgate verify`) and the output
 * around them. Every rejection names the file and the rule (added by the printer) and a fix that
 * is a command or an exact edit.
 */
const short = (oid: string): string => oid.slice(0, 12);
const code = (text: string): string => `\`${text}\``;

export const hookMessages = {
  // output around a hook's problems (the CLI prefixes every line with `designgate - `)
  prefix: 'designgate - ',
  refused: (hook: string, summary: string) => `${hook}: ${summary}; refused (fix the problems above, then try again)`,
  passedWithWarnings: (hook: string, summary: string) => `${hook}: ${summary}; allowed`,
  unknownHook: (name: string, known: readonly string[]) => `unknown hook '${name}' (known: ${known.join(', ')})`,
  unknownHookFix: 'reinstall the hooks with `designgate init`, which writes the shims for the hooks designgate has',
  hookNeedsName: 'hook: give the name of the hook to run',
  commitMsgNeedsFile: 'commit-msg: git passes the message file as the first argument, and none was given',
  commitMsgNeedsFileFix: 'run it as git does: `designgate hook commit-msg .git/COMMIT_EDITMSG`',
  commitMsgUnreadable: (file: string) => `commit-msg: cannot read the message file ${file}`,

  // the shim husky runs (one line of POSIX sh)
  shimMissingBin: (bin: string) =>
    `designgate - ${bin} not found: refusing, so nothing unchecked gets in (run \`npm install\`, or \`designgate init\` again if designgate moved)`,

  // pre-commit and pre-merge-commit
  designDeleted: (design: string, code: string) => `${design} is deleted, but its code ${code} remains`,
  designDeletedFix: (design: string, code: string) =>
    `keep the design (\`git restore --staged --worktree ${design}\`), or delete the code too (\`git rm ${code}\`)`,
  testDeleted: (test: string, code: string) => `${test} is deleted, but its code ${code} remains`,
  testDeletedFix: (test: string, code: string) => `keep the test (\`git restore --staged --worktree ${test}\`), or delete the code too (\`git rm ${code}\`)`,
  testWithoutDesign: (test: string, design: string) => `${test} is a test without a design: expected ${design}`,
  notApproved: (file: string, design: string, state: string) => `${file} needs an approved design, but ${design} is ${state}`,
  stateDraft: 'a draft (no approval)',
  stateStale: 'stale (edited since it was approved)',
  stateInvalid: 'unreadable (its frontmatter cannot be read)',
  stateUnverified: 'not verified (see its own problems)',
  approveFirstFix: (design: string) =>
    `get the design approved and committed first (\`designgate approve ${design}\`), then commit the code`,
  unreadableFix: (design: string) => `fix the frontmatter of ${design} (see \`designgate lint ${design}\`)`,

  // commit-msg and the approval commits of a range
  approvalNotNarrow: (path: string) =>
    `this commit adds or changes an approval, and also changes ${path}; an approval commit may change approval blocks only`,
  approvalNotNarrowFix: 'commit the other changes first (`git restore --staged <path>` for this commit), then commit the approval on its own',
  approvalMissingTrailer: (email: string, design: string) =>
    `${design}: the approval by ${email} is added without an \`Approved-by:\` trailer for ${email} in the message`,
  approvalMissingTrailerFix: (design: string) =>
    `approve with \`designgate approve ${design}\`, or add the trailer: \`git commit --trailer "Approved-by: Name <email>"\``,
  approvalNotCommitter: (email: string, committer: string, design: string) =>
    `${design}: the approval by ${email} is committed by ${committer}; an approval is committed (and signed) by the approver`,
  approvalNotCommitterFix: (email: string) => `let ${email} commit their own approval (\`designgate approve\` on their machine)`,
  trailerApprovesNothing: (value: string) => `the trailer \`Approved-by: ${value}\` approves nothing: no approval block for that person is added in this commit`,
  trailerApprovesNothingFix: 'remove the trailer (`git commit --amend`), or stage the approval block it stands for',
  trailerMalformed: (value: string) => `the trailer \`Approved-by: ${value}\` is not of the form \`Name <email>\``,
  trailerMalformedFix: 'write the trailer as `Approved-by: Jane Doe <jane@example.com>`',
  inCommit: (oid: string, message: string) => `in ${short(oid)}: ${message}`,

  // pre-push
  pushLineMalformed: (line: string) => `pre-push: git sent a ref line that cannot be read: ${JSON.stringify(line)}`,
  pushLineMalformedFix: 'run the hook as git does (`git push`), which sends `<local ref> <local sha> <remote ref> <remote sha>` lines',

  // verify: the range
  baseRequired: 'verify: --base is required (the commit the change starts from, e.g. origin/main)',
  baseRequiredFix: 'run `designgate verify --base origin/main` (in GitHub Actions: `--base origin/${{ github.base_ref }}`)',
  shallow: 'the repository is a shallow clone: commits and approval evidence older than its boundary are missing, so nothing can be verified',
  shallowFix: 'fetch the whole history: `git fetch --unshallow` (in GitHub Actions: `actions/checkout` with `fetch-depth: 0`)',
  baseNotFound: (base: string) => `the base ${code(base)} does not name a commit in this repository`,
  baseNotFoundFix: (base: string) =>
    `fetch it (\`git fetch origin\`) and check it with \`git rev-parse --verify '${base}^{commit}'\`; in GitHub Actions use \`fetch-depth: 0\``,
  headNotFound: (head: string) => `the head ${code(head)} does not name a commit in this repository`,
  headNotFoundFix: 'pass a commit that exists (`--head HEAD` is the default)',
  emptyRange: (base: string, head: string) => `the range ${base}..${head} is empty: there is nothing to verify, which is never a pass`,
  emptyRangeFix: 'pass the commit the change starts from as the base (`--base origin/main`), not the head itself',
  invertedRange: (base: string, head: string) => `the range ${base}..${head} is inverted: ${head} is an ancestor of ${base}`,
  invertedRangeFix: 'swap the two (`--base <older> --head <newer>`)',
  notAncestor: (base: string, head: string) => `the base ${base} is not an ancestor of ${head}, so the range does not say which commits are new`,
  notAncestorFix: (base: string) =>
    `verify the merge result instead (GitHub checks out the pull request's merge commit), or pass \`--base $(git merge-base ${base} HEAD)\`; with a shallow checkout use \`fetch-depth: 0\``,
  logFailed: (detail: string) => `git could not list the commits of the range: ${detail}`,
  logFailedFix: 'run `git log <base>..<head>` to see git\'s message; in CI fetch the whole history (`fetch-depth: 0`)',
  logUnreadable: 'git printed the commits of the range in an unexpected form',
  noTrustedBase: 'there is no trusted base (nothing of this history is on the remote yet), so approvals are checked against the configuration being pushed',
  noTrustedBaseFix: 'push the .designrc.json with its approvers first (`git push origin <first commit>:main`); CI verifies against the protected branch',
  protectedPathChanged: (path: string, oid: string) =>
    `${path} is changed in ${short(oid)}; verify reads approvers, keys, switches and ignore globs from the base, so the change takes effect only once it is merged`,
  protectedPathChangedFix: 'have an approver review this change (protect the path with a `CODEOWNERS` entry and a required review)',

  // verify: the summary
  verifyPassed: (count: number, base: string, head: string) => `verify: ${count} commit${count === 1 ? '' : 's'} of ${base}..${head}: every gate holds\n`,
  verifySummary: (count: number, base: string, head: string, summary: string) =>
    `verify: ${count} commit${count === 1 ? '' : 's'} of ${base}..${head}: ${summary}\n`,
  unknownFormat: (format: string) => `unknown format '${format}' (known: text, json, github, sarif)`,
  unknownFormatFix: 'pass one of `--format text`, `--format json`, `--format github`, `--format sarif`',
  formatConflict: (format: string) => `--json asks for JSON, but --format asks for ${format}: give one of them`,

  // installation
  hooksPathNotSet: (expected: string, actual: string | undefined) =>
    `git did not take core.hooksPath: it is ${actual === undefined ? 'unset' : code(actual)}, expected ${code(expected)}, so the hooks would never run`,
  hooksPathNotSetFix: (expected: string) =>
    `run \`git config core.hooksPath ${expected}\` and check \`git config --show-origin core.hooksPath\` (a worktree, include or GIT_CONFIG_* setting may override it)`,
  hooksPathReplaced: (previous: string, now: string) =>
    `core.hooksPath was ${code(previous)}; it is now ${code(now)}, so the hooks in ${previous} no longer run (call them from .husky/<hook> if you need them)`,
  hookAppended: (file: string) => `${file} existed; added the designgate line at its end and kept the rest`,
  hookWritten: (file: string) => `wrote ${file}`,
  lintStagedEntryAdded: (file: string) => `${file}: added one lint-staged entry that runs designgate once per commit`,
  lintStagedManual: (file: string, entry: string) =>
    `${file} is a JavaScript lint-staged config, which designgate does not edit; the pre-commit hook runs designgate directly instead (or add ${entry} to it and remove the line from .husky/pre-commit)`,
  huskyPrepare: 'add `"prepare": "husky"` (with husky 9 as a dev dependency) so every clone gets the hooks; until then run `designgate init` in each clone',
  hookMissing: (file: string) => `${file} is missing, so git runs no designgate check there`,
  hookMissingFix: 'run `designgate init` to write the hooks again',
  hookDiffers: (file: string) => `${file} differs from what designgate init wrote, so its check may not run`,
  hookDiffersFix: (file: string) => `run \`designgate init\` to write it again (keep your own lines in .husky/<hook>, never in ${file})`,
  hookLineMissing: (file: string) => `${file} does not run designgate`,
  hooksPathWrong: (actual: string | undefined, expected: string) =>
    `core.hooksPath is ${actual === undefined ? 'unset' : code(actual)}, not ${code(expected)}, so the designgate hooks do not run`,
  hooksPathWrongFix: 'run `designgate init` (or `npm install`, whose prepare script runs husky)',
} as const;
