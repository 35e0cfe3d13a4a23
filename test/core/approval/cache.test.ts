import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../helpers/repo.js';
import { EvidenceStore, loadCacheKey, type BlobFacts } from '../../../core/approval/cache.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dir(): string {
  const d = makeTempDir();
  dirs.push(d);
  return d;
}

const OID = 'a'.repeat(40);
const facts: BlobFacts = { digest: `sha256:${'1'.repeat(64)}`, approvalDigest: `sha256:${'1'.repeat(64)}`, by: ['bob@x.org'], malformed: false, statusApproved: true, identitiesSafe: true };

async function filled(file: string, key: Buffer, scope = 'S'): Promise<void> {
  const store = await EvidenceStore.load(file, scope, key);
  store.blobs.set(`docs/design/a.md\0${OID}`, facts);
  store.commits.set(OID, ['a@x.org', 'c@x.org', [{ path: 'docs/design/a.md', status: 'A', newOid: OID }]]);
  store.commits.set('b'.repeat(40), 0);
  store.others.set(OID, '');
  store.markDirty();
  await store.save();
}

describe('evidence cache', () => {
  test('the key is made once, 32 random bytes, readable by the user only', async () => {
    const d = dir();
    const k1 = await loadCacheKey(d);
    const k2 = await loadCacheKey(d);
    assert.equal(k1?.length, 32);
    assert.deepEqual(k1, k2);
    assert.equal(statSync(join(d, 'evidence-cache.key')).mode & 0o777, 0o600);
  });

  test('an unwritable key folder means no cache', async () => {
    const d = dir();
    writeFileSync(join(d, 'file'), 'x');
    assert.equal(await loadCacheKey(join(d, 'file', 'sub')), undefined);
  });

  test('save then load round-trips every entry', async () => {
    const d = dir();
    const key = (await loadCacheKey(d))!;
    const file = join(d, 'designgate', 'evidence-cache.json');
    await filled(file, key);
    const store = await EvidenceStore.load(file, 'S', key);
    assert.deepEqual(store.blobs.get(`docs/design/a.md\0${OID}`), facts);
    assert.equal(store.commits.get('b'.repeat(40)), 0);
    assert.deepEqual(store.commits.get(OID), ['a@x.org', 'c@x.org', [{ path: 'docs/design/a.md', status: 'A', newOid: OID }]]);
    assert.equal(store.others.get(OID), '');
  });

  test('commits that change no design are kept as one list, and load back as such', async () => {
    const d = dir();
    const key = (await loadCacheKey(d))!;
    const file = join(d, 'c.json');
    const store = await EvidenceStore.load(file, 'S', key);
    const quiet = Array.from({ length: 300 }, (_, i) => i.toString(16).padStart(40, '0'));
    for (const oid of quiet) store.commits.set(oid, 0);
    store.commits.set(`${'d'.repeat(64)}`, 0);
    store.markDirty();
    await store.save();
    const body = JSON.parse(readFileSync(file, 'utf8').slice(65)) as { commits: object; none: string };
    assert.deepEqual(body.commits, {});
    assert.equal(body.none.split(',').length, 301);
    const again = await EvidenceStore.load(file, 'S', key);
    assert.equal(again.commits.size, 301);
    for (const oid of [...quiet, 'd'.repeat(64)]) assert.equal(again.commits.get(oid), 0);
  });

  /** A file whose MAC holds (written with the key) but whose body is `body`: only the shape checks stand. */
  function signed(key: Buffer, body: object): string {
    const text = JSON.stringify(body);
    return `${createHmac('sha256', key).update(text).digest('hex')}\n${text}`;
  }
  const misshapen: Array<[string, object]> = [
    ['a short id in the list of quiet commits', { none: `${'a'.repeat(40)},abc` }],
    ['an upper-case id in the list of quiet commits', { none: 'A'.repeat(40) }],
    ['a list of quiet commits that is not a string', { none: ['a'.repeat(40)] }],
    ['a commit entry of 0 outside the list', { commits: { [OID]: 0 } }],
    ['a walk with a malformed head', { walk: { head: 'HEAD', shallow: '', commits: '' } }],
    ['a walk whose list of commits is not ids', { walk: { head: OID, shallow: '', commits: 'main,HEAD' } }],
    ['a change with a malformed blob id', { commits: { [OID]: ['a@x.org', 'c@x.org', [{ path: 'p', status: 'A', newOid: 'xyz' }]] } }],
  ];
  for (const [what, part] of misshapen) {
    test(`${what} is refused even with a valid MAC: the store starts empty`, async () => {
      const d = dir();
      const key = (await loadCacheKey(d))!;
      const file = join(d, 'c.json');
      writeFileSync(file, signed(key, { version: 3, scope: 'S', commits: {}, none: '', others: {}, blobs: { [`docs/design/a.md\0${OID}`]: facts }, ...part }));
      const store = await EvidenceStore.load(file, 'S', key);
      assert.equal(store.blobs.size + store.commits.size + store.others.size, 0);
    });
  }

  test('a well-formed signed file loads (the shape checks above refuse only what they name)', async () => {
    const d = dir();
    const key = (await loadCacheKey(d))!;
    const file = join(d, 'c.json');
    writeFileSync(file, signed(key, { version: 3, scope: 'S', commits: {}, none: 'a'.repeat(40), others: {}, blobs: { [`docs/design/a.md\0${OID}`]: facts } }));
    const store = await EvidenceStore.load(file, 'S', key);
    assert.equal(store.blobs.size, 1);
    assert.equal(store.commits.get('a'.repeat(40)), 0);
  });

  test('the last history walk round-trips, and is dropped with the commits under another scope', async () => {
    const d = dir();
    const key = (await loadCacheKey(d))!;
    const file = join(d, 'c.json');
    const store = await EvidenceStore.load(file, 'S', key);
    store.commits.set(OID, ['a@x.org', 'c@x.org', [{ path: 'docs/design/a.md', status: 'A', newOid: OID }]]);
    store.walk = { head: 'e'.repeat(40), shallow: '', commits: [OID] };
    store.markDirty();
    await store.save();
    assert.deepEqual((await EvidenceStore.load(file, 'S', key)).walk, { head: 'e'.repeat(40), shallow: '', commits: [OID] });
    assert.equal((await EvidenceStore.load(file, 'T', key)).walk, undefined);
  });

  test('a walk naming a commit whose changes are not in the cache is dropped; the rest loads', async () => {
    const d = dir();
    const key = (await loadCacheKey(d))!;
    const file = join(d, 'c.json');
    const walk = { head: 'e'.repeat(40), shallow: '', commits: `${OID},${'f'.repeat(40)}` };
    const changes = ['a@x.org', 'c@x.org', [{ path: 'docs/design/a.md', status: 'A', newOid: OID }]];
    writeFileSync(file, signed(key, { version: 3, scope: 'S', commits: { [OID]: changes }, none: 'f'.repeat(40), others: {}, blobs: {}, walk }));
    const store = await EvidenceStore.load(file, 'S', key);
    assert.equal(store.walk, undefined);
    assert.deepEqual(store.commits.get(OID), changes);
  });

  test('another scope keeps the blob facts and drops the commit entries', async () => {
    const d = dir();
    const key = (await loadCacheKey(d))!;
    const file = join(d, 'c.json');
    await filled(file, key, 'S');
    const store = await EvidenceStore.load(file, 'T', key);
    assert.equal(store.blobs.size, 1);
    assert.equal(store.commits.size, 0);
    assert.equal(store.others.size, 0);
  });

  const spoiled: Array<[string, (text: string) => string]> = [
    ['an edited entry (the MAC no longer holds)', (t) => t.replace('bob@x.org', 'eve@x.org')],
    ['a recomputed file without the key', (t) => `${'0'.repeat(64)}${t.slice(64)}`],
    ['a truncated file', (t) => t.slice(0, t.length / 2)],
    ['garbage', () => 'not json at all'],
    ['an empty file', () => ''],
  ];
  for (const [what, spoil] of spoiled) {
    test(`${what} is ignored: the store starts empty`, async () => {
      const d = dir();
      const key = (await loadCacheKey(d))!;
      const file = join(d, 'c.json');
      await filled(file, key);
      writeFileSync(file, spoil(readFileSync(file, 'utf8')));
      const store = await EvidenceStore.load(file, 'S', key);
      assert.equal(store.blobs.size + store.commits.size + store.others.size, 0);
    });
  }

  test('a cache written under another key (another user, a restored CI cache) is ignored', async () => {
    const d = dir();
    const file = join(d, 'c.json');
    await filled(file, (await loadCacheKey(dir()))!);
    const store = await EvidenceStore.load(file, 'S', (await loadCacheKey(dir()))!);
    assert.equal(store.blobs.size, 0);
  });

  test('nothing is written when nothing was learned, or in memory', async () => {
    const d = dir();
    const key = (await loadCacheKey(d))!;
    const file = join(d, 'none.json');
    await (await EvidenceStore.load(file, 'S', key)).save();
    assert.throws(() => statSync(file));
    const memory = EvidenceStore.memory('S');
    memory.blobs.set('x', facts);
    memory.markDirty();
    await memory.save();
  });
});
