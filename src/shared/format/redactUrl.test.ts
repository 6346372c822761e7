import { describe, expect, it } from 'vitest';
import { redactUrl, redactUrlsIn } from './redactUrl.js';

describe('redactUrl', () => {
  it.each([
    ['tcp://user:password@127.0.0.1:1', 'tcp://user:***@127.0.0.1:1'],
    ['ssh://user:pw@host', 'ssh://user:***@host'],
    ['ssh://deploy@build-box:2222', 'ssh://deploy@build-box:2222'],
    ['http://user@10.0.0.5:2375', 'http://***@10.0.0.5:2375'],
    ['https://ghp_TOKEN@docker.example.com', 'https://***@docker.example.com'],
    ['tcp://user:p%40ss%3Aword@host:2376', 'tcp://user:***@host:2376'],
    ['tcp://user:p@ss@word@host:2376/v1.43', 'tcp://user:***@host:2376/v1.43'],
    ['tcp://:secret@host:2375', 'tcp://***:***@host:2375'],
    ['unix:///var/run/docker.sock', 'unix:///var/run/docker.sock'],
    ['tcp://10.0.0.5:2375', 'tcp://10.0.0.5:2375'],
    ['/var/run/docker.sock', '/var/run/docker.sock'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('redacts every URL with credentials inside a message', () => {
    expect(
      redactUrlsIn('connect ECONNREFUSED tcp://u:pw@127.0.0.1:1 (then ssh://root:hunter2@h, http://x@y)'),
    ).toBe('connect ECONNREFUSED tcp://u:***@127.0.0.1:1 (then ssh://root:***@h, http://***@y)');
    expect(redactUrlsIn('no URL here, a@b.c')).toBe('no URL here, a@b.c');
  });
});
