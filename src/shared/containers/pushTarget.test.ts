import { describe, expect, it } from 'vitest';
import { parsePushTarget } from './pushTarget.js';

describe('parsePushTarget', () => {
  it('reads the registry the login is for, and the tag latest when none is given', () => {
    expect(parsePushTarget('127.0.0.1:5000/mlw/churn:3')).toEqual({
      target: {
        registry: '127.0.0.1:5000',
        repository: '127.0.0.1:5000/mlw/churn',
        tag: '3',
        reference: '127.0.0.1:5000/mlw/churn:3',
      },
    });
    expect(parsePushTarget(' ghcr.io/acme/churn ')).toMatchObject({
      target: { registry: 'ghcr.io', reference: 'ghcr.io/acme/churn:latest' },
    });
  });

  it('takes a reference without a host for Docker Hub, as Docker does', () => {
    expect(parsePushTarget('acme/churn:1')).toMatchObject({
      target: { registry: 'docker.io', repository: 'acme/churn', reference: 'acme/churn:1' },
    });
  });

  it('says why a text is not a push target', () => {
    const problem = (text: string) => {
      const parsed = parsePushTarget(text);
      return 'problem' in parsed ? parsed.problem : undefined;
    };
    expect(problem('')).toMatch(/^Name where to push/);
    expect(problem('Acme/Churn:1')).toMatch(/lower-case/);
    expect(problem(`ghcr.io/acme/churn@sha256:${'a'.repeat(64)}`)).toMatch(/no @digest/);
  });
});
