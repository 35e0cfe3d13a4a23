/** Sentences about finding the repository, its configs and its files. */
export const workspaceMessages = {
  notARepository: (dir: string) => `${dir} is not inside a git repository`,
  notARepositoryFix: 'run `git init` first, or run designgate inside your repository',
  gitListFailed: (dir: string) => `git could not list the files of ${dir}`,
  gitListFailedFix: 'check that git is installed (`git --version`) and that the repository is not corrupt (`git fsck`)',
  noConfig: (dir: string) => `no .designrc.json governs ${dir}`,
  noConfigFix: 'run `designgate init` at the root of your repository',
} as const;
