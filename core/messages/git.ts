/**
 * Sentences about reading git: opening the repository, a git command that fails, an object that is
 * missing, and the repository layouts the isomorphic-git backend cannot read. Each cause is one line;
 * each fix names the command or setting that resolves it.
 */
export const gitMessages = {
  // opening the repository
  notARepository: (dir: string) => `${dir} is not inside a git repository`,
  notARepositoryFix: 'run `git init` (or run designgate inside your repository)',
  gitNotInstalled: 'git is not installed (no `git` on PATH)',
  gitNotInstalledFix: 'install git and check that `git --version` runs',
  bareRepository: (dir: string) => `${dir} is a bare repository, which has no work tree to check`,
  bareRepositoryFix: 'run designgate in a clone with a work tree (`git clone <url>`)',
  insideGitDir: (dir: string) => `${dir} is inside the .git directory, not the work tree`,
  insideGitDirFix: 'cd to the top of your work tree',
  dubiousOwnership: (dir: string) => `git refuses to read ${dir}: the repository is owned by another user`,
  dubiousOwnershipFix: (dir: string) => `if you trust it, run \`git config --global --add safe.directory ${dir}\``,

  // running git
  commandFailed: (command: string, detail: string) => `\`git ${command}\` failed: ${detail}`,
  commandFailedFix: (command: string) => `run \`git ${command}\` in the repository to see git's full message`,
  catFileDied: (detail: string) => `\`git cat-file --batch\` stopped unexpectedly: ${detail}`,
  catFileDiedFix: 'check the repository with `git fsck`',

  // objects and revisions
  objectMissing: (oid: string) => `object ${oid} is not in the repository`,
  objectMissingFix: 'fetch the missing history (`git fetch --unshallow` in a shallow clone; `fetch-depth: 0` in CI)',
  wrongType: (oid: string, expected: string, actual: string) => `object ${oid} is a ${actual}, not a ${expected}`,
  wrongTypeFix: 'pass the id of a commit (for example from `git rev-parse HEAD`)',
  revisionNotFound: (rev: string) => `revision '${rev}' does not name a commit`,
  revisionNotFoundFix: (rev: string) =>
    `check it with \`git rev-parse --verify '${rev}^{commit}'\`; in CI fetch the whole history (\`fetch-depth: 0\`)`,
  unmergedPaths: (paths: readonly string[]) => `the index has unmerged paths: ${paths.join(', ')}`,
  unmergedPathsFix: 'resolve the conflicts, then `git add` the files',

  // the isomorphic-git backend
  isoUnsupported: (what: string) => `the isomorphic-git backend cannot read this repository: ${what}`,
  isoUnsupportedFix: 'install git so designgate reads the repository with the git CLI',
  layoutIndexVersion: (version: number) => `its index is version ${version} (feature.manyFiles or index.version)`,
  layoutSplitIndex: 'its index is split (core.splitIndex)',
  layoutSparseIndex: 'its index is sparse (index.sparse)',
  layoutSparseCheckout: 'it uses sparse checkout (core.sparseCheckout)',
  layoutSkipHash: 'its index has no checksum (index.skipHash)',
  layoutObjectFormat: (format: string) => `its objects use ${format} (extensions.objectFormat)`,
  layoutRefStorage: (format: string) => `its refs are stored as ${format} (extensions.refStorage)`,
  layoutObjectDirectory: 'GIT_OBJECT_DIRECTORY or GIT_ALTERNATE_OBJECT_DIRECTORIES is set (a quarantined push)',
  layoutBadIndex: (detail: string) => `its index cannot be read: ${detail}`,
  isoFailed: (operation: string, detail: string) => `isomorphic-git could not ${operation}: ${detail}`,
  isoFailedFix: 'check the repository with `git fsck`, or install git so designgate uses the git CLI',
  isoWriteRefused: (path: string) => `a read tried to write ${path}; designgate never writes to the repository`,
} as const;
