import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { batchExit, formatBatch } from '../../cli/design-batch.js';
import { DesignGateError } from '../../core/errors.js';
import type { BatchItem } from '../../generators/design-batch.js';

const drafted: BatchItem = { outcome: 'drafted', codePath: 'src/a.mjs', designPath: 'docs/design/a.md', sessionId: 'S1', attempts: 2, writtenTo: 'docs/design/a.md', resumed: false };
const proposed: BatchItem = { ...drafted, designPath: 'docs/design/p.md', writtenTo: '.designgate/sessions/S2/proposed.md' };
const skipped: BatchItem = { outcome: 'skipped', codePath: 'src/b.mjs', designPath: 'docs/design/b.md' };
const escalated: BatchItem = { outcome: 'escalated', codePath: 'src/c.mjs', designPath: 'docs/design/c.md', sessionId: 'S3', message: 'gave up', report: '.designgate/sessions/S3/escalation.md' };
const refused: BatchItem = { outcome: 'refused', codePath: 'README.md', message: 'README.md is not code' };

describe('formatBatch', () => {
  test('one line per design with what happened, then the next step', () => {
    assert.equal(
      formatBatch('context math', { items: [drafted, proposed, skipped, escalated, refused] }, false),
      [
        'context math: 5 designs',
        '  drafted   docs/design/a.md  (2 attempts, session S1)',
        "  proposed  docs/design/p.md  a person's draft exists; the proposal is in .designgate/sessions/S2/proposed.md",
        '  skipped   docs/design/b.md  a design exists (rerun with --revise to redraft it)',
        '  escalated docs/design/c.md  escalated: read .designgate/sessions/S3/escalation.md',
        '  refused   README.md  README.md is not code',
        'next: review the drafts together, edit them, and approve them in one commit: `designgate approve <design…>`',
        '',
      ].join('\n'),
    );
  });
  test('a reverse run says it never replaces a design; a stopped run says how to go on; nothing drafted says so', () => {
    const text = formatBatch('adopt --draft', { items: [skipped], stopped: { codePath: 'src/d.mjs', error: new DesignGateError('IO', 'unreachable') } }, true);
    assert.match(text, /^adopt --draft: 2 designs\n  skipped   docs\/design\/b\.md  a design exists; adopt --draft never replaces one\n  stopped   src\/d\.mjs  stopped at src\/d\.mjs; .*running the same command again resumes\nnothing new was drafted\n$/);
  });
});

describe('batchExit', () => {
  test('escalation (3) outranks a refusal (2); drafted and skipped are 0', () => {
    assert.equal(batchExit([drafted, skipped]), 0);
    assert.equal(batchExit([]), 0);
    assert.equal(batchExit([drafted, refused]), 2);
    assert.equal(batchExit([refused, escalated]), 3);
  });
});
