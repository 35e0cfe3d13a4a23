import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DesignGateError, formatLocation, isDesignGateError } from '../../core/errors.js';

describe('DesignGateError', () => {
  test('keeps code, message, causes, fix and the standard cause', () => {
    const root = new Error('root');
    const causes = [{ file: '.designrc.json', line: 3, column: 5, message: 'must be a string' }];
    const e = new DesignGateError('CONFIG', 'bad config', { causes, fix: 'edit it', cause: root });
    assert.equal(e.name, 'DesignGateError');
    assert.equal(e.code, 'CONFIG');
    assert.equal(e.message, 'bad config');
    assert.deepEqual(e.causes, causes);
    assert.equal(e.fix, 'edit it');
    assert.equal(e.cause, root);
    assert.ok(e instanceof Error);
  });

  test('defaults: no causes, no fix, no cause', () => {
    const e = new DesignGateError('USAGE', 'wrong');
    assert.deepEqual(e.causes, []);
    assert.equal(e.fix, undefined);
    assert.equal('cause' in e, false);
  });

  test('isDesignGateError tells it from look-alikes', () => {
    assert.equal(isDesignGateError(new DesignGateError('GIT', 'x')), true);
    assert.equal(isDesignGateError(new Error('x')), false);
    assert.equal(isDesignGateError({ name: 'DesignGateError', code: 'GIT', causes: [], message: 'x' }), false);
    assert.equal(isDesignGateError(undefined), false);
  });
});

describe('formatLocation', () => {
  test('file only', () => assert.equal(formatLocation({ file: 'a.md' }), 'a.md'));
  test('file and line', () => assert.equal(formatLocation({ file: 'a.md', line: 4 }), 'a.md:4'));
  test('file, line and column', () => assert.equal(formatLocation({ file: 'docs/a b.md', line: 4, column: 9 }), 'docs/a b.md:4:9'));
  test('a column without a line is dropped', () => assert.equal(formatLocation({ file: 'a.md', column: 9 }), 'a.md'));
  test('line 0 is still shown', () => assert.equal(formatLocation({ file: 'a.md', line: 0, column: 0 }), 'a.md:0:0'));
});
