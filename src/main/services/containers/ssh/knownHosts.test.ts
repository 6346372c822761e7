import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  hostKeyFingerprint,
  keyTypeLabel,
  knownHostName,
  knownKeyTypes,
  parseKnownHosts,
} from './knownHosts.js';

// Made by ssh-keygen 9.2: `ssh-keygen -t ed25519`, then `ssh-keygen -H` over a file naming the key
// for build-box and for [127.0.0.1]:2222; `ssh-keygen -lf` printed the fingerprint.
const KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIN11J3IDKkRvvwAJIfjoWZyNcG+Yj25C9xE4pV+fOzrh';
const KEY_FINGERPRINT = 'SHA256:cvH/1pjFOU6iR0yxuguGOAU+uu5ctmIVcyAfub61KL0';
const OTHER = 'AAAAC3NzaC1lZDI1NTE5AAAAIKSGsi8krDQaoGJl4vIDg9FmATaQhy2eeBGQPtHSTn4u';
const HASHED_BUILD_BOX = '|1|+x1rIrr+/xW72rEYsIUHO3KXRQ4=|0G4SsUttROtV05EC9kx60v98LPI=';
const HASHED_LOCAL_2222 = '|1|GO6tTmTpjwMT/zngVHselTgagEU=|YUkFbn0pmptzsHK6KSHNoTfIKZE=';
// An RSA public key blob needs only its type for what is tested here.
const RSA_BLOB = Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from('ssh-rsa'), Buffer.alloc(8, 1)]);

const key = Buffer.from(KEY, 'base64');
const other = Buffer.from(OTHER, 'base64');
const parse = (lines: string[]) => parseKnownHosts(lines.join('\n'), '/home/u/.ssh/known_hosts');

describe('known_hosts', () => {
  it('prints a fingerprint as ssh-keygen -l does', () => {
    expect(hostKeyFingerprint(key)).toBe(KEY_FINGERPRINT);
    expect(keyTypeLabel(key)).toBe('ED25519');
    expect(keyTypeLabel(RSA_BLOB)).toBe('RSA');
  });

  it('files port 22 under the bare name and any other port as [host]:port', () => {
    expect(knownHostName('Build-Box', 22)).toBe('build-box');
    expect(knownHostName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('finds hashed entries that OpenSSH wrote, for both name forms', () => {
    const entries = parse([
      `${HASHED_BUILD_BOX} ssh-ed25519 ${KEY}`,
      `${HASHED_LOCAL_2222} ssh-ed25519 ${KEY}`,
    ]);
    expect(checkHostKey(entries, 'build-box', key)).toMatchObject({ status: 'known', entry: { line: 1 } });
    expect(checkHostKey(entries, '[127.0.0.1]:2222', key)).toMatchObject({
      status: 'known',
      entry: { line: 2 },
    });
    expect(checkHostKey(entries, '127.0.0.1', key).status).toBe('unknown');
    expect(checkHostKey(entries, '[127.0.0.1]:2223', key).status).toBe('unknown');
  });

  it('matches plain names, lists, wildcards and negations', () => {
    const entries = parse([
      '# a comment',
      '',
      `alpha,[beta]:2200 ssh-ed25519 ${KEY} a comment`,
      `*.lab,!db.lab ssh-ed25519 ${OTHER}`,
      `node-? ssh-ed25519 ${OTHER}`,
    ]);
    expect(checkHostKey(entries, 'alpha', key).status).toBe('known');
    expect(checkHostKey(entries, '[beta]:2200', key).status).toBe('known');
    expect(checkHostKey(entries, 'beta', key).status).toBe('unknown');
    expect(checkHostKey(entries, 'gpu.lab', other).status).toBe('known');
    expect(checkHostKey(entries, 'db.lab', other).status).toBe('unknown');
    expect(checkHostKey(entries, 'node-1', other).status).toBe('known');
    expect(checkHostKey(entries, 'node-10', other).status).toBe('unknown');
    // Pattern characters in a name are literal: the dot in a.b is not "any character".
    expect(checkHostKey(parse([`a.b ssh-ed25519 ${KEY}`]), 'axb', key).status).toBe('unknown');
  });

  it('tells a changed key of the same type from a host known only by another type', () => {
    const entries = parse([
      `build-box ssh-ed25519 ${OTHER}`,
      `rsa-only ssh-rsa ${RSA_BLOB.toString('base64')}`,
    ]);
    expect(checkHostKey(entries, 'build-box', key)).toMatchObject({ status: 'changed', entry: { line: 1 } });
    expect(checkHostKey(entries, 'rsa-only', key).status).toBe('unknown');
    expect(knownKeyTypes(entries, 'rsa-only')).toEqual(['ssh-rsa']);
  });

  it('refuses a revoked key even where a plain line accepts it, and skips CA lines', () => {
    const entries = parse([
      `build-box ssh-ed25519 ${KEY}`,
      `@revoked * ssh-ed25519 ${KEY}`,
      `@cert-authority * ssh-ed25519 ${OTHER}`,
    ]);
    expect(checkHostKey(entries, 'build-box', key)).toMatchObject({ status: 'revoked', entry: { line: 2 } });
    expect(checkHostKey(entries, 'elsewhere', other).status).toBe('unknown');
  });

  it('skips lines whose key is not what their type says', () => {
    const entries = parse([`build-box ssh-rsa ${KEY}`, `build-box ssh-ed25519 not-base64!`, 'build-box']);
    expect(entries).toEqual([]);
  });
});
