/**
 * Atomic file writes: write a temp file beside the target, fsync it, then move it into place, so a
 * crash never leaves a half-written file. With `overwrite: false` the final step is a hard link,
 * which fails when the target exists: no check-then-write race can clobber someone's file.
 */
import { open, rename, link, unlink, mkdir } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export class TargetExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} exists`);
    this.name = 'TargetExistsError';
  }
}

/** @example await writeFileAtomic('/repo/docs/design/a.md', text, { overwrite: false }) */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { overwrite: boolean; mode?: number }): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) {
      await rename(tmp, path);
      return;
    }
    try {
      await link(tmp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new TargetExistsError(path);
      throw error;
    }
    await unlink(tmp);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
