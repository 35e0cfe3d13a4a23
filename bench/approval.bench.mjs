// Approval verification at scale: 1,000 approved designs in a 5,000-commit history (100 SSH-signed
// approval commits of 10 designs each), verified end to end — trust root, one pass over history,
// trailers, signatures, narrow approval commits, self-approval — against the git-CLI pipeline floor
// `git log --format=%H%x00%G?%x00%(trailers:…)` over the same range (git verifies each SSH signature
// with ssh-keygen), in the same run. Cold = no evidence cache; warm = .git/designgate/evidence-cache.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir, git, gitEnv, timeProcesses, table } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => pathToFileURL(join(root, 'dist', p)).href;

const DESIGNS = 1000;
const BATCH = 10;
const COMMITS = 5000;
const alice = { name: 'Alice Liddell', email: 'alice@x.org' };
const bob = { name: 'Bob Builder', email: 'bob@x.org' };

function designText(i) {
  return `---\ntype: module\nstatus: draft\nstories: [US-${i % 40}]\ndepends_on: []\n---\n\n## Purpose\n\nComponent ${i} does one thing well.\n\n## Public API\n\n- \`run${i}(input)\` returns the result.\n\n## Dependencies\n\nNone.\n\n## Test Scenarios\n\n- run${i} on an empty input.\n`;
}

function data(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/** Builds the repository: fast-import for content commits, git commit-tree -S for each approval. */
async function buildRepo(dir) {
  const { setApproval, approvalTimestamp } = await import(dist('core/approval/edit.js'));
  const { designDigest } = await import(dist('core/digest.js'));
  git(dir, 'init', '-q', '-b', 'main');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bob', '-f', join(dir, '.git', 'bob.key')]);
  const bobKey = readFileSync(join(dir, '.git', 'bob.key.pub'), 'utf8').trim();
  const config = {
    components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }],
    approvers: [
      { name: alice.name, email: alice.email },
      { name: bob.name, email: bob.email, keys: [bobKey] },
    ],
    signedApprovals: true,
    gates: { approval: 'error', completeness: 'off', architecture: 'off' },
  };
  writeFileSync(join(dir, '.git', 'allowed_signers'), `${bob.email} ${bobKey}\n`);
  git(dir, 'config', 'gpg.ssh.allowedSignersFile', join(dir, '.git', 'allowed_signers'));

  let parent;
  let time = 1_700_000_000;
  let made = 0;
  const perBatch = COMMITS / (DESIGNS / BATCH); // 50 commits per batch, the last one the approval
  for (let b = 0; b < DESIGNS / BATCH; b++) {
    let stream = '';
    const who = (p) => `${p.name} <${p.email}> ${time++} +0000`;
    const commit = (message, files) => {
      stream += `commit refs/heads/main\nauthor ${who(alice)}\ncommitter ${who(alice)}\n${data(message)}`;
      if (parent !== undefined && stream.indexOf('commit refs/heads/main') === stream.lastIndexOf('commit refs/heads/main')) stream += `from ${parent}\n`;
      for (const [path, text] of Object.entries(files)) stream += `M 100644 inline ${path}\n${data(text)}`;
      made++;
    };
    if (b === 0) {
      commit('config', { '.designrc.json': `${JSON.stringify(config, null, 2)}\n` });
    }
    for (let k = 0; k < perBatch - 1 - (b === 0 ? 1 : 0); k++) {
      const i = b * BATCH + (k % BATCH);
      if (k < BATCH) commit(`design ${i}`, { [`docs/design/m${i}.md`]: designText(i), [`src/m${i}.ts`]: `export const m${i} = 0;\n` });
      else commit(`work ${k}`, { [`src/m${i}.ts`]: `export const m${i} = ${k};\n`, [`test/m${i}.test.ts`]: `// ${k}\n` });
    }
    // The approval commit's tree, made unsigned by fast-import, then committed again signed by git.
    const approved = {};
    for (let i = b * BATCH; i < (b + 1) * BATCH; i++) {
      const path = `docs/design/m${i}.md`;
      const text = designText(i);
      approved[path] = setApproval(text, path, { digest: designDigest(path, text), by: [bob], at: approvalTimestamp(new Date(time * 1000)) });
    }
    stream += `commit refs/heads/unsigned\ncommitter ${who(bob)}\n${data('tree')}from refs/heads/main\n`;
    for (const [path, text] of Object.entries(approved)) stream += `M 100644 inline ${path}\n${data(text)}`;
    execFileSync('git', ['fast-import', '--quiet', '--force'], { cwd: dir, env: gitEnv(), input: stream, maxBuffer: 1 << 30 });
    const tree = git(dir, 'rev-parse', 'refs/heads/unsigned^{tree}').trim();
    const head = git(dir, 'rev-parse', 'refs/heads/main').trim();
    const env = { ...gitEnv(), GIT_AUTHOR_NAME: bob.name, GIT_AUTHOR_EMAIL: bob.email, GIT_COMMITTER_NAME: bob.name, GIT_COMMITTER_EMAIL: bob.email, GIT_AUTHOR_DATE: `${time} +0000`, GIT_COMMITTER_DATE: `${time++} +0000` };
    const message = `Approve ${BATCH} designs\n\nApproved-by: ${bob.name} <${bob.email}>\n`;
    parent = execFileSync('git', ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${join(dir, '.git', 'bob.key')}`, 'commit-tree', '-S', '-p', head, '-F', '-', tree], { cwd: dir, env, input: message, encoding: 'utf8' }).trim();
    git(dir, 'update-ref', 'refs/heads/main', parent);
    made++;
  }
  git(dir, 'update-ref', '-d', 'refs/heads/unsigned');
  git(dir, 'tag', 'base', git(dir, 'rev-list', '--max-parents=0', 'main').trim());
  git(dir, 'reflog', 'expire', '--expire=now', '--all');
  git(dir, 'gc', '-q', '--prune=now');
  git(dir, 'checkout', '-q', '-f', 'main');
  return made;
}

// The measured program: what `check` does for approvals, from a cold process.
const RUNNER = `
const [dist, keyDir] = process.argv.slice(1);
const { loadWorkspace } = await import(dist + '/core/workspace.js');
const { openGit } = await import(dist + '/core/git/index.js');
const { checkWorkspaceApprovals } = await import(dist + '/core/approval/gate.js');
const { readFile } = await import('node:fs/promises');
const env = process.env;
const ws = await loadWorkspace({ cwd: process.cwd(), env });
const git = await openGit({ cwd: process.cwd(), env });
const read = (p) => readFile(ws.repoRoot + '/' + p, 'utf8').catch(() => undefined);
const { verdicts } = await checkWorkspaceApprovals({ ws, git, env, read, trustedRev: "base", now: new Date(), ...(keyDir === '-' ? {} : { cacheKeyDir: keyDir }) });
await git.close();
const approved = verdicts.filter((v) => v.state === 'approved').length;
if (approved !== ${DESIGNS}) { console.error('approved ' + approved + ' of ' + verdicts.length, JSON.stringify(verdicts.find((v) => v.state !== 'approved'))); process.exit(1); }
`;

export default async function run({ runs = 7 } = {}) {
  const dir = tempDir('designgate-bench-approval-');
  let keyDir;
  try {
    const t0 = Date.now();
    const commits = await buildRepo(dir);
    const built = ((Date.now() - t0) / 1000).toFixed(1);
    const count = Number(git(dir, 'rev-list', '--count', 'main').trim());
    const signed = git(dir, 'log', '--format=%G?', 'main').split('\n').filter((s) => s === 'G').length;
    const node = process.execPath;
    const runner = ['--input-type=module', '-e', RUNNER, join(root, 'dist')];
    // The user's cache folder (it holds the key that authenticates the evidence cache).
    keyDir = tempDir('designgate-bench-key-');
    // Warm the cache once so the warm row starts warm.
    const warmup = spawnSync(node, [...runner, keyDir], { cwd: dir, env: gitEnv(), encoding: 'utf8' });
    if (warmup.status !== 0) throw new Error(`approval runner failed: ${warmup.stderr}`);
    const cacheFile = join(dir, '.git', 'designgate', 'evidence-cache.json');
    const cacheBytes = readFileSync(cacheFile).length;
    const rows = timeProcesses(
      [
        { name: '`git log --format=%H%x00%G?%x00%(trailers:key=Approved-by)` (floor)', cmd: 'git', args: ['log', '--format=%H%x00%G?%x00%(trailers:key=Approved-by,valueonly)', 'main'], cwd: dir },
        { name: '`git log --format=%H%x00%(trailers:key=Approved-by)` (no signature check, for scale)', cmd: 'git', args: ['log', '--format=%H%x00%(trailers:key=Approved-by,valueonly)', 'main'], cwd: dir },
        { name: '`node -e 0` (process floor)', cmd: node, args: ['-e', '0'], cwd: dir },
        { name: 'designgate approvals, cold (no cache)', cmd: node, args: [...runner, '-'], cwd: dir },
        { name: 'designgate approvals, warm (evidence cache)', cmd: node, args: [...runner, keyDir], cwd: dir },
      ],
      { runs, warmup: 1 },
    );
    return table(
      `Approval verification: ${DESIGNS} approved designs, ${count} commits (${signed} SSH-signed approval commits; built ${commits} in ${built} s)`,
      rows,
      `Each designgate run verifies all ${DESIGNS} approvals (digest, trailer, signature in-process, narrow commit, self-approval) and must find every one approved. Evidence cache: ${(cacheBytes / 1024).toFixed(0)} KiB.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (keyDir !== undefined) rmSync(keyDir, { recursive: true, force: true });
  }
}
