import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.js';

const refused = (env: Record<string, string>, readKeyFile?: (path: string) => string): ConfigError => {
  try {
    readConfig(env, readKeyFile);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the settings were accepted');
};

describe('readConfig', () => {
  it('has the documented defaults', () => {
    expect(readConfig({})).toEqual({
      modelPath: '/srv/model/model.onnx',
      modelName: 'model',
      modelVersion: '1',
      modelSha256: undefined,
      port: 8080,
      host: '0.0.0.0',
      maxBodyBytes: 10 * 1024 * 1024,
      requestTimeoutMs: 30_000,
      maxBatch: 1024,
      intraOpThreads: undefined,
      shutdownTimeoutMs: 10_000,
      captureDir: undefined,
      captureSampleRate: 1,
      apiKey: undefined,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = readConfig({
      MODEL_PATH: '/models/churn.onnx',
      MODEL_VERSION: '3',
      MODEL_SHA256: 'AB'.repeat(32),
      PORT: '9000',
      HOST: '127.0.0.1',
      MAX_BODY_BYTES: '2048',
      REQUEST_TIMEOUT_MS: '500',
      MAX_BATCH: '8',
      INTRA_OP_THREADS: '2',
      SHUTDOWN_TIMEOUT_MS: '0',
      CAPTURE_DIR: '/captures',
      CAPTURE_SAMPLE_RATE: '0.25',
      MLW_API_KEY: ' secret ',
      LOG_LEVEL: 'WARN',
    });
    expect(config).toMatchObject({
      modelName: 'churn',
      modelVersion: '3',
      modelSha256: 'ab'.repeat(32),
      port: 9000,
      maxBodyBytes: 2048,
      requestTimeoutMs: 500,
      maxBatch: 8,
      intraOpThreads: 2,
      shutdownTimeoutMs: 0,
      captureDir: '/captures',
      captureSampleRate: 0.25,
      apiKey: 'secret',
      logLevel: 'warn',
    });
  });

  it.each([
    [{ PORT: '80a' }, 'PORT', /PORT is "80a": expected a whole number from 0 to 65535/],
    [{ PORT: '70000' }, 'PORT', /from 0 to 65535/],
    [{ MAX_BODY_BYTES: '0' }, 'MAX_BODY_BYTES', /from 1 to/],
    [{ REQUEST_TIMEOUT_MS: '-5' }, 'REQUEST_TIMEOUT_MS', /whole number/],
    [{ MAX_BATCH: '1.5' }, 'MAX_BATCH', /whole number/],
    [{ INTRA_OP_THREADS: '0' }, 'INTRA_OP_THREADS', /from 1 to 1024/],
    [{ CAPTURE_SAMPLE_RATE: '1.5' }, 'CAPTURE_SAMPLE_RATE', /from 0 to 1/],
    [{ CAPTURE_SAMPLE_RATE: 'half' }, 'CAPTURE_SAMPLE_RATE', /from 0 to 1/],
    [{ MODEL_SHA256: 'abc' }, 'MODEL_SHA256', /64 hexadecimal digits/],
    [{ MODEL_NAME: 'my/model' }, 'MODEL_NAME', /letters, digits/],
    [{ MODEL_VERSION: '-1' }, 'MODEL_VERSION', /starting with a letter or digit/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /debug, info, warn, error/],
    [{ MLW_API_KEY: 'a', MLW_API_KEY_FILE: '/k' }, 'MLW_API_KEY_FILE', /both set/],
  ])('refuses %j naming %s', (env, variable, message) => {
    const error = refused(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
  });

  it('reads the API key from MLW_API_KEY_FILE, trimmed, and refuses an unreadable or empty file', () => {
    expect(readConfig({ MLW_API_KEY_FILE: '/run/secrets/key' }, () => 'from-file\n').apiKey).toBe(
      'from-file',
    );
    const missing = refused({ MLW_API_KEY_FILE: '/nope' }, () => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    });
    expect(missing.message).toBe('MLW_API_KEY_FILE names /nope, which cannot be read (ENOENT).');
    expect(refused({ MLW_API_KEY_FILE: '/empty' }, () => '  \n').message).toMatch(/which is empty/);
  });
});
