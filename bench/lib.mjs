// Shared benchmark helpers: time commands as separate processes, interleaved so machine drift
// hits every command alike, and report medians with the ratio to a floor measured in the same run.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix) {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export function gitEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GIT_')) delete env[k];
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com', NO_COLOR: '1', HUSKY: '0' };
}

export function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: 1 << 30 });
}

/**
 * cases: [{ name, cmd, args, cwd, env?, input?, expectStatus? }]; the first case is the floor.
 * Returns rows with median/min/max in ms and ratio to the floor.
 */
export function timeProcesses(cases, { runs = 15, warmup = 2 } = {}) {
  const samples = cases.map(() => []);
  for (let i = 0; i < warmup + runs; i++) {
    cases.forEach((c, j) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(c.cmd, c.args, { cwd: c.cwd, env: c.env ?? gitEnv(), input: c.input ?? '', stdio: ['pipe', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const want = c.expectStatus ?? 0;
      if (r.status !== want) throw new Error(`${c.name}: exit ${r.status}, expected ${want}: ${r.stderr}`);
      if (i >= warmup) samples[j].push(ms);
    });
  }
  const rows = cases.map((c, j) => {
    const s = samples[j].sort((a, b) => a - b);
    return { name: c.name, median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
  });
  const floor = rows[0].median;
  return rows.map((r) => ({ ...r, ratio: r.median / floor }));
}

export function table(title, rows, goal) {
  const f = (n) => n.toFixed(1);
  const lines = [`### ${title}`, '', '| command | median ms | min | max | ratio to floor |', '|---|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.name} | ${f(r.median)} | ${f(r.min)} | ${f(r.max)} | ${r.ratio.toFixed(2)}x |`);
  if (goal) lines.push('', goal);
  return lines.join('\n');
}
