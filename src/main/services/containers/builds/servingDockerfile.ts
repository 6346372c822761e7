import { SERVER_UID } from '../serverImage.js';

export interface ServingDockerfilePlan {
  base: string;
  port: number;
  model: { name: string; version: number; sha256: string; fileName: string };
  workbenchVersion: string;
  serverVersion: string;
}

/** Docker's label and ENV values are double-quoted strings; a model name cannot hold a quote, but stay safe. */
const quoted = (value: string | number): string => JSON.stringify(String(value));

/**
 * The Dockerfile of a serving image. Its layers go from what changes least to what changes most:
 * the ONNX Runtime binaries, then the server, then the model and what names it, so a new model
 * version rebuilds only its own layer and the metadata after it.
 */
export function servingDockerfile(plan: ServingDockerfilePlan): string {
  const { model } = plan;
  const labels: [string, string | number][] = [
    ['org.opencontainers.image.title', `${model.name} ${model.version}`],
    [
      'org.opencontainers.image.description',
      `ONNX model ${model.name} version ${model.version}, served over HTTP`,
    ],
    ['org.opencontainers.image.version', String(model.version)],
    ['org.opencontainers.image.base.name', plan.base],
    ['io.mlops-workbench.model.name', model.name],
    ['io.mlops-workbench.model.version', model.version],
    ['io.mlops-workbench.model.sha256', model.sha256],
    ['io.mlops-workbench.server.version', plan.serverVersion],
    ['io.mlops-workbench.workbench.version', plan.workbenchVersion],
  ];
  return [
    '# Written by MLOps Workbench: review or edit it, then build again.',
    `FROM ${plan.base}`,
    'WORKDIR /srv',
    '# ONNX Runtime for linux-x64 only, then the model server: both change rarely, so they stay cached.',
    'COPY server/node_modules/ /srv/node_modules/',
    'COPY server/package.json server/server.mjs server/THIRD_PARTY_LICENSES.txt /srv/',
    '# The model last: a new version rebuilds this layer and the metadata after it, nothing else.',
    `COPY model/ /srv/model/`,
    `ENV MODEL_PATH=/srv/model/${model.fileName} \\`,
    `    MODEL_NAME=${quoted(model.name)} \\`,
    `    MODEL_VERSION=${quoted(model.version)} \\`,
    `    MODEL_SHA256=${quoted(model.sha256)} \\`,
    `    PORT=${plan.port} \\`,
    '    NODE_ENV=production',
    `LABEL ${labels.map(([key, value]) => `${key}=${quoted(value)}`).join(' \\\n      ')}`,
    `USER ${SERVER_UID}:${SERVER_UID}`,
    `EXPOSE ${plan.port}`,
    // The slim Node images have no curl or wget: Node itself asks the server.
    'HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \\',
    `  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || ${plan.port}) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
    'STOPSIGNAL SIGTERM',
    'CMD ["node", "/srv/server.mjs"]',
    '',
  ].join('\n');
}
