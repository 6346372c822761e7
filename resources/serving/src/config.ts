import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface ServerConfig {
  modelPath: string;
  modelName: string;
  modelVersion: string;
  /** The model file's expected SHA-256 (lower-case hex); the server refuses to start on another file. */
  modelSha256: string | undefined;
  port: number;
  host: string;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  maxBatch: number;
  /** ONNX Runtime's threads for one run; undefined leaves it to ONNX Runtime (one per physical core). */
  intraOpThreads: number | undefined;
  shutdownTimeoutMs: number;
  captureDir: string | undefined;
  captureSampleRate: number;
  apiKey: string | undefined;
  logLevel: LogLevel;
}

/** A setting the server cannot start with; `variable` names the environment variable to fix. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

// Names travel in URL paths (/v2/models/{name}) and metric labels, so they keep to URL-safe characters.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The server's settings from its environment; throws ConfigError naming the first bad variable. */
export function readConfig(
  env: Readonly<Record<string, string | undefined>>,
  readKeyFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ServerConfig {
  const text = (variable: string): string | undefined => {
    const value = env[variable];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (variable: string, fallback: number, min: number, max: number): number => {
    const value = text(variable);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max)
      throw new ConfigError(
        variable,
        `${variable} is ${JSON.stringify(value)}: expected a whole number from ${min} to ${max}.`,
      );
    return parsed;
  };
  const optionalInteger = (variable: string, min: number, max: number): number | undefined =>
    text(variable) === undefined ? undefined : integer(variable, min, min, max);
  const name = (variable: string, fallback: string): string => {
    const value = text(variable) ?? fallback;
    if (!NAME.test(value))
      throw new ConfigError(
        variable,
        `${variable} is ${JSON.stringify(value)}: expected 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit.`,
      );
    return value;
  };

  const modelPath = text('MODEL_PATH') ?? '/srv/model/model.onnx';
  const modelSha256 = text('MODEL_SHA256')?.toLowerCase();
  if (modelSha256 !== undefined && !/^[0-9a-f]{64}$/.test(modelSha256))
    throw new ConfigError('MODEL_SHA256', 'MODEL_SHA256 is not a SHA-256: expected 64 hexadecimal digits.');

  const rateText = text('CAPTURE_SAMPLE_RATE');
  const captureSampleRate = rateText === undefined ? 1 : Number(rateText);
  if (!Number.isFinite(captureSampleRate) || captureSampleRate < 0 || captureSampleRate > 1)
    throw new ConfigError(
      'CAPTURE_SAMPLE_RATE',
      `CAPTURE_SAMPLE_RATE is ${JSON.stringify(rateText)}: expected a number from 0 to 1 (the share of requests captured).`,
    );

  const logLevel = (text('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(logLevels as readonly string[]).includes(logLevel))
    throw new ConfigError(
      'LOG_LEVEL',
      `LOG_LEVEL is ${JSON.stringify(env.LOG_LEVEL)}: expected one of ${logLevels.join(', ')}.`,
    );

  return {
    modelPath,
    modelName: name('MODEL_NAME', basename(modelPath, extname(modelPath))),
    modelVersion: name('MODEL_VERSION', '1'),
    modelSha256,
    port: integer('PORT', 8080, 0, 65535),
    host: text('HOST') ?? '0.0.0.0',
    maxBodyBytes: integer('MAX_BODY_BYTES', 10 * 1024 * 1024, 1, 2 ** 31 - 1),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', 30_000, 1, 24 * 3600 * 1000),
    maxBatch: integer('MAX_BATCH', 1024, 1, 2 ** 31 - 1),
    intraOpThreads: optionalInteger('INTRA_OP_THREADS', 1, 1024),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 3600 * 1000),
    captureDir: text('CAPTURE_DIR'),
    captureSampleRate,
    apiKey: apiKey(text('MLW_API_KEY'), text('MLW_API_KEY_FILE'), readKeyFile),
    logLevel: logLevel as LogLevel,
  };
}

function apiKey(
  direct: string | undefined,
  file: string | undefined,
  readKeyFile: (path: string) => string,
): string | undefined {
  if (direct !== undefined && file !== undefined)
    throw new ConfigError(
      'MLW_API_KEY_FILE',
      'MLW_API_KEY and MLW_API_KEY_FILE are both set: set one of them.',
    );
  if (file === undefined) return direct;
  let key: string;
  try {
    key = readKeyFile(file).trim();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(
      'MLW_API_KEY_FILE',
      `MLW_API_KEY_FILE names ${file}, which cannot be read${typeof code === 'string' ? ` (${code})` : ''}.`,
    );
  }
  if (key === '')
    throw new ConfigError('MLW_API_KEY_FILE', `MLW_API_KEY_FILE names ${file}, which is empty.`);
  return key;
}
