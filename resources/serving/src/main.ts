// The model server's entry: settings from the environment, then serve until SIGTERM or SIGINT.
// Exit codes: 0 after a graceful shutdown, 1 when the model cannot be served, 2 for bad settings.
import { ConfigError, readConfig, type ServerConfig } from './config.js';
import { createLogger } from './log.js';
import { startServer } from './server.js';

let config: ServerConfig;
try {
  config = readConfig(process.env);
} catch (error) {
  const variable = error instanceof ConfigError ? error.variable : undefined;
  createLogger('info').error((error as Error).message, { variable });
  process.exit(2);
}

const logger = createLogger(config.logLevel);
const server = await startServer(config, { logger }).catch((error: Error) => {
  logger.error(`cannot listen on ${config.host}:${config.port}: ${error.message}`, { variable: 'PORT' });
  process.exit(1);
});

server.ready.catch((error: Error) => {
  logger.error(error.message);
  void server.shutdown().finally(() => process.exit(1));
});

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  // A second signal means the operator will not wait for the requests in flight.
  if (stopping) process.exit(1);
  stopping = true;
  logger.info('shutting down', { signal });
  server.shutdown().then(
    () => {
      logger.info('stopped', { signal });
      process.exit(0);
    },
    (error: Error) => {
      logger.error(`shutdown failed: ${error.message}`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
