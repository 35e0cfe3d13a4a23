/** The `paths` scope that check, status and the gates accept: files or folders, repository-relative. */

/**
 * True when `file` is one of `paths` or lies under one of them (folders with or without a trailing
 * slash; '' or '.' is the whole repository); every file when `paths` is undefined.
 * @example inScope('src/a/b.ts', ['src/a/']) // true
 */
export function inScope(file: string, paths: readonly string[] | undefined): boolean {
  if (paths === undefined) return true;
  return paths.some((p) => {
    const clean = p.replace(/\/+$/, '');
    return clean === '' || clean === '.' || file === clean || file.startsWith(`${clean}/`);
  });
}
