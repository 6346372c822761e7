import { describe, expect, it } from 'vitest';
import { parseImageReference } from './imageReference.js';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('image references', () => {
  it.each([
    ['node', { repository: 'node' }],
    ['node:22-slim', { repository: 'node', tag: '22-slim' }],
    ['library/node:latest', { repository: 'library/node', tag: 'latest' }],
    ['ghcr.io/acme/churn:1.2.0', { registry: 'ghcr.io', repository: 'acme/churn', tag: '1.2.0' }],
    ['localhost:5000/churn', { registry: 'localhost:5000', repository: 'churn' }],
    ['localhost/churn:v1', { registry: 'localhost', repository: 'churn', tag: 'v1' }],
    [`node@${DIGEST}`, { repository: 'node', digest: DIGEST }],
    [`node:22@${DIGEST}`, { repository: 'node', tag: '22', digest: DIGEST }],
    [
      'registry.example.com:443/team/a_b__c-d:x',
      { registry: 'registry.example.com:443', repository: 'team/a_b__c-d', tag: 'x' },
    ],
  ])('reads %s', (text, expected) => {
    expect(parseImageReference(text)).toEqual(expected);
  });

  it.each([
    '',
    'Node',
    'node:',
    'node:bad tag',
    'node@sha256:short',
    '/node',
    'node/',
    'a//b',
    'node:-x',
    'ghcr.io/',
  ])('refuses %j', (text) => {
    expect(parseImageReference(text)).toBeNull();
  });
});
