import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { approvalLines, approvalTimestamp, removeApproval, setApproval } from '../../../core/approval/edit.js';
import { readApprovalBlock } from '../../../core/approval/block.js';
import { designDigest } from '../../../core/digest.js';
import { readFrontmatter } from '../../../core/frontmatter.js';
import { isDesignGateError } from '../../../core/errors.js';

const FILE = 'docs/design/a.md';
const jane = { name: 'Jane Doe', email: 'jane@x.org' };
const AT = '2026-11-20T10:00:00Z';

function approve(text: string, by = [jane]): string {
  return setApproval(text, FILE, { digest: designDigest(FILE, text), by, at: AT });
}

describe('setApproval', () => {
  test('replaces status in place and appends the block; every other byte stays', () => {
    const text = '---\ntype: module   # the type\nstatus: draft\nstories: [US-1]   # served\n---\n## Purpose\n\nx  \n';
    const out = approve(text);
    assert.equal(
      out,
      `---\ntype: module   # the type\nstatus: approved\nstories: [US-1]   # served\napproval:\n  digest: ${designDigest(FILE, text)}\n  by: [Jane Doe <jane@x.org>]\n  at: ${AT}\n---\n## Purpose\n\nx  \n`,
    );
  });

  test('replaces an existing block (stale or not) where it stands, keeping comments around it', () => {
    const old = `sha256:${'0'.repeat(64)}`;
    const text = `---\ntype: module\napproval:\n  digest: ${old}\n  # why\n  by: [Old <old@x.org>]\n  at: x\n# after the block\nstatus: approved\n---\nbody\n`;
    const out = approve(text);
    assert.match(out, /^---\ntype: module\napproval:\n {2}digest: sha256:[0-9a-f]{64}\n {2}by: \[Jane Doe <jane@x\.org>\]\n {2}at: 2026-11-20T10:00:00Z\n# after the block\nstatus: approved\n---\nbody\n$/);
    assert.ok(!out.includes(old));
  });

  test('the context digest is written as the last line of the block and reads back', () => {
    const text = '---\ntype: module\nstatus: draft\n---\nbody\n';
    const context = `sha256:${'c'.repeat(64)}`;
    const out = setApproval(text, FILE, { digest: designDigest(FILE, text), by: [jane], at: AT, context });
    assert.match(out, new RegExp(`\\n {2}at: ${AT}\\n {2}context: ${context}\\n---\\n`));
    const block = readApprovalBlock(readFrontmatter(out, FILE).data);
    assert.ok(block.kind === 'ok' && block.block.context === context);
    assert.deepEqual(approvalLines({ digest: context, by: [jane], at: AT }).length, 4);
  });

  test('keeps CRLF line endings and a BOM', () => {
    const text = '\ufeff---\r\ntype: module\r\nstatus: draft\r\n---\r\nbody\r\n';
    const out = approve(text);
    assert.ok(out.startsWith('\ufeff---\r\ntype: module\r\nstatus: approved\r\napproval:\r\n  digest: '));
    assert.ok(out.endsWith('\r\n---\r\nbody\r\n'));
    assert.ok(!/[^\r]\n/.test(out.slice(1)), 'no bare LF introduced');
  });

  test('an empty frontmatter gets status and block', () => {
    const out = approve('---\n---\nbody\n');
    assert.equal(readFrontmatter(out, FILE).data['status'], 'approved');
  });

  test('names that YAML would misread are quoted and read back exactly', () => {
    const people = [
      { name: "O'Brien, Pat", email: 'pat@x.org' },
      { name: 'Dr: Who [x] #1', email: 'who@x.org' },
      { name: '"Quoted"', email: 'q@x.org' },
      { name: 'Zoë Ñandú', email: 'zoe@x.org' },
    ];
    const out = approve('---\ntype: module\n---\n', people);
    const read = readApprovalBlock(readFrontmatter(out, FILE).data);
    assert.equal(read.kind, 'ok');
    if (read.kind === 'ok') assert.deepEqual(read.block.by, people);
  });

  test('refuses a flow-style frontmatter rather than rewrite it', () => {
    assert.throws(() => approve('---\n{type: module, status: draft}\n---\n'), (e: unknown) => isDesignGateError(e) && /flow mapping/.test(e.message));
  });

  test('refuses an unreadable frontmatter', () => {
    assert.throws(() => approve('no frontmatter\n'), (e: unknown) => isDesignGateError(e) && e.code === 'FRONTMATTER');
  });

  test('the digest is unchanged by the edit', () => {
    const text = '---\ntype: module\ndepends_on: [a, b]\nstatus: draft\n---\n## Purpose\nText.\n';
    assert.equal(designDigest(FILE, approve(text)), designDigest(FILE, text));
  });
});

describe('removeApproval', () => {
  test('removes the block and sets status: draft; the rest is byte-identical to the original draft', () => {
    const text = '---\ntype: module # t\nstatus: draft\nstories: [US-1]\n---\n## Purpose\n';
    assert.equal(removeApproval(approve(text), FILE), text);
  });

  test('adds status: draft when there was none', () => {
    const text = `---\ntype: module\napproval:\n  digest: sha256:${'1'.repeat(64)}\n  by: [A <a@x.org>]\n---\nb\n`;
    assert.equal(removeApproval(text, FILE), '---\ntype: module\nstatus: draft\n---\nb\n');
  });

  test('removes a malformed block too', () => {
    const text = '---\ntype: module\napproval: yes\nstatus: approved\n---\nb\n';
    assert.equal(removeApproval(text, FILE), '---\ntype: module\nstatus: draft\n---\nb\n');
  });
});

describe('helpers', () => {
  test('approvalTimestamp is UTC without milliseconds', () => {
    assert.equal(approvalTimestamp(new Date('2026-11-20T10:00:00.123Z')), '2026-11-20T10:00:00Z');
  });
  test('approvalLines', () => {
    assert.deepEqual(approvalLines({ digest: 'sha256:x', by: [jane, { name: 'B', email: 'b@x.org' }], at: AT }), [
      'approval:',
      '  digest: sha256:x',
      '  by: [Jane Doe <jane@x.org>, B <b@x.org>]',
      `  at: ${AT}`,
    ]);
  });
});
