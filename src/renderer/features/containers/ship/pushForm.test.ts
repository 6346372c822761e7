import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { buildRecord } from '../testRecords.js';
import {
  emptyPushForm,
  pushFailureHint,
  pushRequestOf,
  registryOf,
  savedLoginText,
  type PushForm,
} from './pushForm.js';

const form = (change: Partial<PushForm> = {}): PushForm => ({
  ...emptyPushForm(buildRecord()),
  ...change,
});

describe('emptyPushForm', () => {
  it("starts on the build's tag, or where it was pushed last", () => {
    expect(form().target).toBe('mlw/churn:3');
    const pushed = buildRecord({
      pushes: [{ reference: '127.0.0.1:5000/mlw/churn:3', digest: null, at: '2026-12-07T10:20:00Z' }],
    });
    expect(emptyPushForm(pushed).target).toBe('127.0.0.1:5000/mlw/churn:3');
  });
});

describe('pushRequestOf', () => {
  it('pushes with the saved login, sending no credentials', () => {
    expect(pushRequestOf('b1', form({ target: ' ghcr.io/acme/churn:3 ' }))).toEqual({
      request: { buildId: 'b1', target: 'ghcr.io/acme/churn:3', remember: false },
    });
  });

  it('sends a login typed in, and remember only with it', () => {
    const typed = form({ login: 'enter', username: ' shipper ', password: ' pa ss ', remember: true });
    expect(pushRequestOf('b1', typed).request).toEqual({
      buildId: 'b1',
      target: 'mlw/churn:3',
      credentials: { username: 'shipper', password: ' pa ss ' },
      remember: true,
    });
    expect(pushRequestOf('b1', form({ remember: true })).request?.remember).toBe(false);
  });

  it('says which field is wrong', () => {
    expect(pushRequestOf('b1', form({ target: 'ghcr.io/Acme:1', login: 'enter' })).errors).toEqual({
      target: expect.stringMatching(/lower-case/) as unknown,
      username: 'The registry username',
      password: 'The password or an access token',
    });
    expect(pushRequestOf('b1', form({ target: `a/b@sha256:${'0'.repeat(64)}` })).errors?.target).toMatch(
      /no @digest/,
    );
  });
});

describe('registryOf', () => {
  it('names the host the login is for', () => {
    expect(registryOf('127.0.0.1:5000/mlw/churn:3')).toBe('127.0.0.1:5000');
    expect(registryOf('mlw/churn:3')).toBe('docker.io');
    expect(registryOf('Not One')).toBeUndefined();
  });
});

describe('savedLoginText', () => {
  it('says whose login and where it was found, or that there is none', () => {
    expect(savedLoginText({ registry: 'ghcr.io', source: 'keychain', username: 'me' })).toBe(
      'me, from the OS keychain',
    );
    expect(savedLoginText({ registry: 'ghcr.io', source: 'none' })).toMatch(/No login is saved for ghcr.io/);
    expect(savedLoginText(undefined)).toMatch(/Looking/);
  });
});

describe('pushFailureHint', () => {
  const refused = new WorkbenchError({
    code: 'UNAUTHORIZED',
    message: 'The registry refused',
    hint: 'Log in: pass --username and --password-stdin',
  });

  it('says what to do in the dialog, not with CLI flags', () => {
    expect(pushFailureHint(refused, 'enter')).toMatch(/^Check the username/);
    expect(pushFailureHint(refused, 'saved')).toMatch(/Enter username and password/);
    expect(pushFailureHint(refused, 'saved')).not.toMatch(/--username/);
  });

  it("keeps the service's hint for other failures", () => {
    const down = new WorkbenchError({ code: 'DOCKER_FAILED', message: 'not reachable', hint: 'Check it' });
    expect(pushFailureHint(down, 'enter')).toBe('Check it');
  });
});
