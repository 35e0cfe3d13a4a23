import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { chooseHost, normalizeHost, DEFAULT_OLLAMA_HOST } from '../../generators/host.js';
import { isDesignGateError } from '../../core/errors.js';

const local = { host: DEFAULT_OLLAMA_HOST, allowRemoteHost: false };

describe('normalizeHost', () => {
  test('normalises the way the ollama client does', () => {
    assert.equal(normalizeHost('localhost'), 'http://localhost:11434');
    assert.equal(normalizeHost(':9999'), 'http://127.0.0.1:9999');
    assert.equal(normalizeHost('0.0.0.0'), 'http://0.0.0.0:11434');
    assert.equal(normalizeHost('https://x.example'), 'https://x.example:443');
    assert.equal(normalizeHost('http://127.0.0.1:11434/'), 'http://127.0.0.1:11434');
    assert.equal(normalizeHost('[::1]:8080'), 'http://[::1]:8080');
  });
  test('refuses what is not an http(s) address', () => {
    assert.equal(normalizeHost(''), undefined);
    assert.equal(normalizeHost('ftp://x'), undefined);
    assert.equal(normalizeHost('http://'), undefined);
  });
});

describe('chooseHost', () => {
  test('the default, when neither config nor OLLAMA_HOST says', () => {
    assert.deepEqual(chooseHost(local, {}), { host: DEFAULT_OLLAMA_HOST, source: 'default' });
  });
  test('OLLAMA_HOST overrides the default (the client does not read it)', () => {
    assert.deepEqual(chooseHost(local, { OLLAMA_HOST: ':9999' }), { host: 'http://127.0.0.1:9999', source: 'env' });
  });
  test('a host written in the config wins over OLLAMA_HOST', () => {
    assert.deepEqual(chooseHost({ host: 'http://localhost:5000', allowRemoteHost: false }, { OLLAMA_HOST: ':9999' }), { host: 'http://localhost:5000', source: 'config' });
  });
  test('F16: OLLAMA_HOST off this machine is refused without allowRemoteHost, naming OLLAMA_HOST', () => {
    assert.throws(() => chooseHost(local, { OLLAMA_HOST: 'gpu-box.lan:11434' }), (e: unknown) => {
      assert.ok(isDesignGateError(e));
      assert.equal(e.code, 'CONFIG');
      assert.match(e.message, /^OLLAMA_HOST points at http:\/\/gpu-box\.lan:11434, which is not this machine/);
      assert.match(e.fix!, /allowRemoteHost/);
      return true;
    });
  });
  test('F16: a remote config host is refused, then allowed with a warning when configured', () => {
    assert.throws(() => chooseHost({ host: 'http://10.0.0.5:11434', allowRemoteHost: false }, {}), /generator\.host points at/);
    const allowed = chooseHost({ host: 'http://10.0.0.5:11434', allowRemoteHost: true }, {});
    assert.equal(allowed.host, 'http://10.0.0.5:11434');
    assert.match(allowed.warning!, /design content is sent to http:\/\/10\.0\.0\.5:11434/);
  });
  test('a look-alike of localhost is not loopback', () => {
    assert.throws(() => chooseHost(local, { OLLAMA_HOST: 'http://127.0.0.1.evil.example:80' }), /not this machine/);
  });
  test('a malformed host is a CONFIG error', () => {
    assert.throws(() => chooseHost(local, { OLLAMA_HOST: 'ftp://x' }), /OLLAMA_HOST is not an http\(s\) address/);
  });
});
