import { describe, expect, it } from 'vitest';
import { dockerfileFindingSchema, type DockerfileFinding } from '../../../shared/contract/containers.js';
import { lintDockerfile, looksLikeSecretName } from './dockerfileLint.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
/** What a serving image needs to pass the final-stage rules, so that a case shows only its own finding. */
const SERVING_TAIL = 'USER 10001\nHEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/health || exit 1\n';

type Expected = [rule: DockerfileFinding['rule'], line: number, severity: DockerfileFinding['severity']];

function summary(text: string): Expected[] {
  return lintDockerfile(text).map((finding) => [finding.rule, finding.range.startLine, finding.severity]);
}

const cases: { name: string; dockerfile: string; expected: Expected[] }[] = [
  {
    name: 'a clean serving image',
    dockerfile: [
      '# syntax=docker/dockerfile:1',
      `FROM node:22-slim@${DIGEST}`,
      'RUN apt-get update && apt-get install -y --no-install-recommends curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'WORKDIR /app',
      'COPY server/ ./',
      'USER 10001',
      'HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/health || exit 1',
      'CMD ["node", "server.mjs"]',
      '',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'a clean multi-stage build',
    dockerfile: [
      `FROM node:22-slim@${DIGEST} AS build`,
      'RUN npm ci && npm run build',
      `FROM gcr.io/distroless/nodejs22-debian12@${DIGEST}`,
      'COPY --from=build /app /app',
      'USER 65532',
      'HEALTHCHECK CMD ["/nodejs/bin/node", "/app/health.mjs"]',
      '',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'everything wrong at once',
    dockerfile: [
      'FROM node',
      'ENV DB_PASSWORD=hunter2 MODEL=churn',
      'ARG API_KEY=abc123',
      'RUN apt-get update',
      'RUN apt-get install -y curl',
      'ADD model.onnx /app/',
      'foo bar',
      'USER root',
      '',
    ].join('\n'),
    expected: [
      ['no-healthcheck', 1, 'warning'],
      ['base-unpinned', 1, 'warning'],
      ['secret-in-env', 2, 'error'],
      ['secret-in-env', 3, 'error'],
      ['apt-no-clean', 5, 'info'],
      ['run-unmerged', 5, 'info'],
      ['add-instead-of-copy', 6, 'info'],
      ['unknown-instruction', 7, 'error'],
      ['root-user', 8, 'warning'],
    ],
  },
  {
    name: 'CRLF line endings and a continued RUN',
    dockerfile: 'FROM python:latest\r\nRUN pip install x\r\nRUN pip install y \\\r\n  z\r\nUSER 0\r\n',
    expected: [
      ['no-healthcheck', 1, 'warning'],
      ['base-unpinned', 1, 'warning'],
      ['run-unmerged', 3, 'info'],
      ['root-user', 5, 'warning'],
    ],
  },
  {
    name: 'line continuations inside ENV and RUN',
    dockerfile: [
      `FROM debian:12@${DIGEST}`,
      'ENV MODEL=churn \\',
      '    HF_TOKEN=hf_abcdef \\',
      '    PORT=8080',
      'RUN apt-get update \\',
      ' && apt-get install -y curl \\',
      ' && rm -rf /var/lib/apt/lists/*',
      SERVING_TAIL,
    ].join('\n'),
    expected: [['secret-in-env', 3, 'error']],
  },
  {
    name: 'heredocs: their bodies are scripts and files, not instructions',
    dockerfile: [
      `FROM debian:12@${DIGEST}`,
      'RUN <<EOF',
      'apt-get update',
      'apt-get install -y curl',
      'EOF',
      'RUN <<EOF',
      'echo done',
      'EOF',
      'COPY <<EOT /etc/motd',
      'ADD is the old way',
      'EOT',
      SERVING_TAIL,
    ].join('\n'),
    expected: [
      ['apt-no-clean', 2, 'info'],
      ['run-unmerged', 6, 'info'],
    ],
  },
  {
    name: 'the final stage inherits USER and HEALTHCHECK from the stage it is built on',
    dockerfile: [
      `FROM node:22-slim@${DIGEST} AS base`,
      'USER node',
      'HEALTHCHECK CMD true',
      'FROM base AS test',
      'RUN npm test',
      'FROM Base',
      'COPY . .',
      '',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'a final stage on a fresh image starts over as root',
    dockerfile: [
      `FROM node:22-slim@${DIGEST} AS build`,
      'USER node',
      'HEALTHCHECK CMD true',
      `FROM node:22-slim@${DIGEST}`,
      'COPY --from=build /app /app',
      '',
    ].join('\n'),
    expected: [
      ['no-healthcheck', 4, 'warning'],
      ['root-user', 4, 'warning'],
    ],
  },
  {
    name: 'base images named through build arguments',
    dockerfile: [
      'ARG REGISTRY=docker.io',
      'ARG BASE=${REGISTRY}/library/python:3.12-slim',
      'ARG RUNTIME',
      'ARG TAG=latest',
      'FROM ${BASE} AS build',
      'FROM $RUNTIME AS runtime',
      'FROM node:${TAG} AS node',
      `FROM \${REGISTRY}/library/node:22@${DIGEST}`,
      SERVING_TAIL,
    ].join('\n'),
    expected: [
      ['base-unpinned', 5, 'info'],
      ['base-unpinned', 6, 'info'],
      ['base-unpinned', 7, 'warning'],
    ],
  },
  {
    name: 'scratch needs no tag',
    dockerfile: `FROM scratch\nCOPY app /app\n${SERVING_TAIL}`,
    expected: [],
  },
  {
    name: 'RUNs with different flags are not one layer waiting to happen',
    dockerfile: `FROM scratch\nRUN --network=none make\nRUN make install\n# a comment between\nRUN make check\nRUN make clean\n${SERVING_TAIL}`,
    expected: [['run-unmerged', 5, 'info']],
  },
  {
    name: 'three RUNs in a row are one finding',
    dockerfile: `FROM scratch\nRUN a\nRUN b\nRUN c\n${SERVING_TAIL}`,
    expected: [['run-unmerged', 3, 'info']],
  },
  {
    name: 'secrets passed by reference, pointers to secret files and look-alike names',
    dockerfile: [
      'FROM scratch',
      'ARG GITHUB_TOKEN',
      'ENV API_KEY=${API_KEY} DB_PASSWORD_FILE=/run/secrets/db',
      'ENV TOKENIZERS_PARALLELISM=false MAX_TOKENS=512 PASSWORD=',
      'ENV awsSecretAccessKey="wJalr XUtnF"',
      SERVING_TAIL,
    ].join('\n'),
    expected: [['secret-in-env', 5, 'error']],
  },
  {
    name: 'ADD of URLs and archives is what ADD is for',
    dockerfile: [
      'FROM scratch',
      'ADD https://example.com/model.onnx /models/',
      'ADD weights.tar.gz /models/',
      'ADD ["config.json", "/app/"]',
      'ADD --chown=10001:10001 model.onnx labels.txt /models/',
      'ADD <<EOF /app/readme',
      'hello',
      'EOF',
      SERVING_TAIL,
    ].join('\n'),
    expected: [
      ['add-instead-of-copy', 4, 'info'],
      ['add-instead-of-copy', 5, 'info'],
    ],
  },
  {
    name: 'apt without cleaning, apt with a cache mount and apt update alone',
    dockerfile: [
      'FROM scratch',
      'RUN apt install -y curl',
      'ENV A=1',
      'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl',
      'ENV B=2',
      'RUN apt-get update',
      SERVING_TAIL,
    ].join('\n'),
    expected: [['apt-no-clean', 2, 'info']],
  },
  {
    name: 'an empty file',
    dockerfile: '',
    expected: [['empty-file', 1, 'error']],
  },
  {
    name: 'comments and blank lines only',
    dockerfile: '# a Dockerfile to be\n\n   \n',
    expected: [['empty-file', 1, 'error']],
  },
  {
    name: 'no FROM at all',
    dockerfile: 'ARG A=1\nRUN echo hi\n',
    expected: [['no-from', 1, 'error']],
  },
  {
    name: 'an instruction before the first FROM',
    dockerfile: `ARG V=1\nENV A=1\nFROM scratch\n${SERVING_TAIL}`,
    expected: [['no-from', 2, 'error']],
  },
  {
    name: 'a typo and a forgotten backslash',
    dockerfile: `FROM scratch\nRUNN make\nRUN apt-get update &&\n  apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n${SERVING_TAIL}`,
    expected: [
      ['unknown-instruction', 2, 'error'],
      ['unknown-instruction', 4, 'error'],
    ],
  },
  {
    name: 'images Docker would not accept',
    dockerfile: `FROM Node:22 AS a\nFROM\nFROM node:22@sha256:short\n${SERVING_TAIL}`,
    expected: [
      ['invalid-image', 1, 'error'],
      ['invalid-image', 2, 'error'],
      ['invalid-image', 3, 'error'],
    ],
  },
];

describe('Dockerfile lint', () => {
  it.each(cases)('$name', ({ dockerfile, expected }) => {
    expect(summary(dockerfile)).toEqual(expected);
  });

  it('returns findings that match the contract', () => {
    for (const { dockerfile } of cases) {
      for (const finding of lintDockerfile(dockerfile)) {
        expect(dockerfileFindingSchema.parse(finding)).toEqual(finding);
      }
    }
  });

  it('gives 1-based Monaco ranges with an exclusive end column, across lines and CRLF', () => {
    const findings = lintDockerfile(
      'FROM python:3.12\r\nENV A=1 \\\r\n  TOKEN=abc\r\nRUN a\r\nRUN b \\\r\n  c\r\nUSER 1\r\nHEALTHCHECK NONE\r\n',
    );
    const range = (rule: string): unknown => findings.find((finding) => finding.rule === rule)?.range;
    expect(range('base-unpinned')).toEqual({ startLine: 1, startColumn: 6, endLine: 1, endColumn: 17 });
    expect(range('secret-in-env')).toEqual({ startLine: 3, startColumn: 3, endLine: 3, endColumn: 12 });
    expect(range('run-unmerged')).toEqual({ startLine: 5, startColumn: 1, endLine: 6, endColumn: 4 });
  });

  it('names the secret, never its value', () => {
    const values = ['hunter2', 's3cr3t-v@lue', 'ghp_abcdefghijklmnop'];
    const dockerfile = `FROM scratch\nENV DB_PASSWORD=${values[0]}\nARG API_KEY=${values[1]}\nENV GITHUB_TOKEN "${values[2]}"\n`;
    const secrets = lintDockerfile(dockerfile).filter((finding) => finding.rule === 'secret-in-env');
    expect(secrets.map((finding) => finding.message)).toEqual([
      expect.stringContaining('DB_PASSWORD') as unknown,
      expect.stringContaining('API_KEY') as unknown,
      expect.stringContaining('GITHUB_TOKEN') as unknown,
    ]);
    for (const finding of secrets) {
      for (const value of values) expect(`${finding.message} ${finding.hint}`).not.toContain(value);
    }
  });

  it('explains a base image, the argument it came from and what to do', () => {
    const [tagOnly] = lintDockerfile(`ARG BASE=python:3.12-slim\nFROM $BASE\n${SERVING_TAIL}`);
    expect(tagOnly?.message).toBe(
      'FROM $BASE (python:3.12-slim) names a tag, which can be pushed again; its digest makes the build reproducible.',
    );
    expect(tagOnly?.hint).toContain('docker buildx imagetools inspect python:3.12-slim');
    const [missing] = lintDockerfile(`ARG BASE\nFROM \${BASE}\n${SERVING_TAIL}`);
    expect(missing?.message).toContain('build argument BASE, which has no default');
    const [typo] = lintDockerfile(`FROM scratch\nENTRYPONT ["/app"]\n${SERVING_TAIL}`);
    expect(typo).toMatchObject({
      message: 'ENTRYPONT is not a Dockerfile instruction.',
      hint: 'Did you mean ENTRYPOINT?',
    });
  });

  it.each([
    ['USER 0:0', true],
    ['USER root:root', true],
    ['ARG APP_UID=0\nUSER ${APP_UID}', true],
    ['ENV APP_USER=root\nUSER $APP_USER', true],
    ['USER app\nUSER root', true],
    ['USER root\nUSER app', false],
    ['USER $UNKNOWN', false],
    ['USER 10001:10001', false],
  ])('%j runs as root: %s', (users, root) => {
    const findings = summary(`FROM scratch\n${users}\nHEALTHCHECK NONE\n`);
    expect(findings.some(([rule]) => rule === 'root-user')).toBe(root);
  });
});

describe('secret-looking names', () => {
  it.each([
    'PASSWORD',
    'DB_PASSWORD',
    'MYSQL_ROOT_PASSWD',
    'SECRET_KEY',
    'HF_TOKEN',
    'npmToken',
    'API_KEY',
    'apiKey',
    'APIKEY',
    'aws-access-key-id',
    'AWS_SECRET_ACCESS_KEY',
    'PRIVATE_KEY',
    'REGISTRY_CREDENTIALS',
    'credential',
  ])('%s looks like a secret', (name) => {
    expect(looksLikeSecretName(name)).toBe(true);
  });

  it.each([
    'MODEL',
    'TOKENIZERS_PARALLELISM',
    'MAX_TOKENS',
    'DB_PASSWORD_FILE',
    'SECRET_PATH',
    'API_KEY_SECRET_NAME',
    'KEYBOARD',
    'PRIVATE',
  ])('%s does not', (name) => {
    expect(looksLikeSecretName(name)).toBe(false);
  });
});
