import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import {
  registryCredentialsSchema,
  type PushRequest,
  type SavedLogin,
} from '../../../../shared/contract/containerShip.js';
import { describeError } from '../../../lib/describeError.js';
import { parsePushTarget } from '../../../../shared/containers/pushTarget.js';

export type LoginChoice = 'saved' | 'enter';

/** The Push dialog's fields. The password lives here only while the dialog is open, never stored. */
export interface PushForm {
  target: string;
  login: LoginChoice;
  username: string;
  password: string;
  remember: boolean;
}

export type PushFormErrors = Partial<Record<'target' | 'username' | 'password', string>>;

/** Where a build goes by default: where it went last, else its own tag. */
export function initialTarget(record: Pick<BuildRecord, 'tag' | 'pushes'>): string {
  return record.pushes.at(-1)?.reference ?? record.tag;
}

export function emptyPushForm(record: Pick<BuildRecord, 'tag' | 'pushes'>): PushForm {
  return { target: initialTarget(record), login: 'saved', username: '', password: '', remember: false };
}

/** The registry host a target's login is for, or undefined while the target is not one. */
export function registryOf(target: string): string | undefined {
  const parsed = parsePushTarget(target);
  return 'target' in parsed ? parsed.target.registry : undefined;
}

/** The `containers.push` request the form stands for, or what is wrong with it, field by field. */
export function pushRequestOf(
  buildId: string,
  form: PushForm,
): { request: PushRequest; errors?: undefined } | { request?: undefined; errors: PushFormErrors } {
  const errors: PushFormErrors = {};
  const parsed = parsePushTarget(form.target);
  if ('problem' in parsed) errors.target = parsed.problem;
  const request: PushRequest = { buildId, target: form.target.trim(), remember: false };
  if (form.login === 'enter') {
    const credentials = registryCredentialsSchema.safeParse({
      username: form.username.trim(),
      password: form.password,
    });
    if (form.username.trim() === '') errors.username = 'The registry username';
    if (form.password === '') errors.password = 'The password or an access token';
    if (credentials.success) {
      request.credentials = credentials.data;
      request.remember = form.remember;
    } else if (!errors.username && !errors.password)
      errors.password = credentials.error.issues[0]?.message ?? 'Not a login';
  }
  return Object.keys(errors).length > 0 ? { errors } : { request };
}

const SOURCES: Record<SavedLogin['source'], string> = {
  keychain: 'the OS keychain',
  'docker-config': 'the Docker config',
  'credential-helper': "the Docker config's credential helper",
  none: '',
};

/** What the "saved login" choice will push with, in words. */
export function savedLoginText(login: SavedLogin | undefined): string {
  if (!login) return 'Looking for a saved login…';
  if (login.source === 'none' || !login.username)
    return `No login is saved for ${login.registry}: the push goes without one.`;
  return `${login.username}, from ${SOURCES[login.source]}`;
}

/**
 * What to do about a push that failed, in the dialog's words: the service's hint speaks of the
 * CLI's flags where the registry refused a push made without a login.
 */
export function pushFailureHint(error: unknown, login: LoginChoice): string | undefined {
  const { code, hint } = describeError(error);
  if (code !== 'UNAUTHORIZED') return hint;
  return login === 'enter'
    ? 'Check the username and the password (or access token), and that this user may push to this repository; then push again.'
    : 'Choose "Enter username and password" and give a login that may push to this repository (tick "Remember" to keep it in the OS keychain), or run docker login for this registry.';
}
