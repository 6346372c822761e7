import { logLevels, type LogLevel } from './config.js';

export type LogFields = Record<string, unknown>;

/** One JSON object per line on stdout, for `docker logs` and any log shipper. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const threshold = logLevels.indexOf(level);
  const at =
    (lineLevel: LogLevel) =>
    (msg: string, fields?: LogFields): void => {
      if (logLevels.indexOf(lineLevel) < threshold) return;
      write(JSON.stringify({ ts: new Date().toISOString(), level: lineLevel, msg, ...fields }));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
