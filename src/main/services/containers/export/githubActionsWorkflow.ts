import { Document } from 'yaml';
import { ciWorkflowSettingsSchema } from '../../../../shared/contract/containers.js';
import { parseImageReference } from '../../../../shared/containers/imageReference.js';
import { resourceName } from './resourceNames.js';
import { API_KEY_ENV, API_KEY_HEADER, checkedSettings, PREDICT_PATH, READY_PATH } from './servedImage.js';
import { checkWorkflow } from './workflowStructure.js';

export interface GeneratedWorkflow {
  /** Where it goes in the repository. */
  path: string;
  content: string;
}

const READY_ATTEMPTS = 60;
const READY_INTERVAL_SECONDS = 2;
const CONTAINER = 'model-server';
/** Pushing only from the repository's own default branch, whatever it is called. */
const ON_DEFAULT_BRANCH =
  "github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

/**
 * A GitHub Actions workflow that builds the image from its build context, starts it, waits for
 * /ready a bounded number of times, sends one /predict with the sample and fails unless it answers
 * 200; on a push to the default branch it then logs in to the registry with repository secrets and
 * pushes. It runs when the build context or the workflow itself changes.
 */
export function githubActionsWorkflow(input: unknown): GeneratedWorkflow {
  const settings = checkedSettings(ciWorkflowSettingsSchema, input);
  const reference = parseImageReference(settings.image);
  if (!reference) throw new Error('the settings schema let through an image it cannot read');
  const name = resourceName(settings.modelName, 60);
  const path = `.github/workflows/${name}.yml`;
  const context = settings.buildContext.replace(/\/+$/, '') || '.';
  const ghcr = reference.registry === 'ghcr.io';
  const registry = reference.registry ?? 'docker.io';
  const withKey = settings.apiKeySecretName !== undefined;
  const watched = [context === '.' ? '**' : `${context}/**`, path];

  const login = ghcr
    ? { username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' }
    : {
        username: `\${{ secrets.${settings.registryUsernameSecret} }}`,
        password: `\${{ secrets.${settings.registryPasswordSecret} }}`,
      };

  const workflow = {
    name: `${name} image`,
    on: {
      push: { paths: watched },
      pull_request: { paths: watched },
      workflow_dispatch: {},
    },
    permissions: { contents: 'read' },
    concurrency: { group: `${name}-\${{ github.ref }}`, 'cancel-in-progress': true },
    env: {
      IMAGE: reference.registry ? `${reference.registry}/${reference.repository}` : reference.repository,
      // An image named by digest alone gets the commit as its tag: a digest cannot be built to.
      TAG: reference.tag ?? '${{ github.sha }}',
      PORT: String(settings.port),
    },
    jobs: {
      image: {
        name: 'Build, test and push',
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 30,
        permissions: { contents: 'read', ...(ghcr ? { packages: 'write' } : {}) },
        steps: [
          { name: 'Check out', uses: 'actions/checkout@v4' },
          ...(withKey
            ? [
                {
                  name: 'Make a throwaway API key for the test',
                  run: [
                    'key=$(openssl rand -hex 16)',
                    'echo "::add-mask::$key"',
                    'echo "TEST_API_KEY=$key" >> "$GITHUB_ENV"',
                  ].join('\n'),
                },
              ]
            : []),
          {
            name: 'Build the image',
            run: `docker build --label "org.opencontainers.image.revision=$GITHUB_SHA" --tag "$IMAGE:$TAG" ${shellWord(context)}`,
          },
          {
            name: 'Start the server',
            run: [
              `docker run --detach --name ${CONTAINER} --publish "127.0.0.1:$PORT:$PORT"`,
              ...(withKey ? [`--env "${API_KEY_ENV}=$TEST_API_KEY"`] : []),
              '"$IMAGE:$TAG"',
            ].join(' '),
          },
          { name: `Wait for ${READY_PATH}`, run: waitForReady() },
          {
            name: `Send one ${PREDICT_PATH}`,
            run: predictOnce(JSON.stringify(settings.sampleRequest), withKey),
          },
          { name: 'Show the server log', if: 'always()', run: `docker logs ${CONTAINER} || true` },
          {
            name: 'Log in to the registry',
            if: ON_DEFAULT_BRANCH,
            env: { REGISTRY_USERNAME: login.username, REGISTRY_PASSWORD: login.password },
            run: `echo "$REGISTRY_PASSWORD" | docker login ${registry} --username "$REGISTRY_USERNAME" --password-stdin`,
          },
          { name: 'Push the image', if: ON_DEFAULT_BRANCH, run: 'docker push "$IMAGE:$TAG"' },
        ],
      },
    },
  };

  // No anchors and aliases for repeated values: older workflow parsers and linters refuse them.
  const document = new Document(workflow, { aliasDuplicateObjects: false });
  document.commentBefore = [
    ` Made by MLOps Workbench for ${settings.modelName} ${settings.modelVersion} (model sha256 ${settings.modelSha256}).`,
    ` Builds ${context}, checks that it answers ${READY_PATH} and ${PREDICT_PATH}, and pushes from the default branch.`,
  ].join('\n');
  const content = document.toString({ lineWidth: 0 });
  checkWorkflow(content, { pushGuard: ON_DEFAULT_BRANCH });
  return { path, content };
}

function waitForReady(): string {
  return [
    `for attempt in $(seq 1 ${READY_ATTEMPTS}); do`,
    `  if curl --silent --fail --max-time 2 "http://127.0.0.1:$PORT${READY_PATH}" > /dev/null; then`,
    '    echo "Ready after $attempt attempts"',
    '    exit 0',
    '  fi',
    `  if [ "$(docker inspect --format '{{.State.Running}}' ${CONTAINER})" != "true" ]; then`,
    `    echo "::error::The server stopped before it was ready"`,
    '    exit 1',
    '  fi',
    `  sleep ${READY_INTERVAL_SECONDS}`,
    'done',
    `echo "::error::The server was not ready after ${READY_ATTEMPTS * READY_INTERVAL_SECONDS} s"`,
    'exit 1',
  ].join('\n');
}

/**
 * The sample travels in a quoted heredoc, so the shell expands nothing in it. `$` becomes the JSON
 * escape \u0024, which means the same to the server and keeps GitHub from reading `${{` in a sample
 * as an expression.
 */
function predictOnce(sample: string, withKey: boolean): string {
  const body = sample.replaceAll('$', '\\u0024');
  return [
    `cat > "$RUNNER_TEMP/sample.json" <<'SAMPLE_JSON'`,
    body,
    'SAMPLE_JSON',
    'status=$(curl --silent --show-error --max-time 30 \\',
    '  --output "$RUNNER_TEMP/prediction.json" --write-out \'%{http_code}\' \\',
    "  --header 'Content-Type: application/json' \\",
    ...(withKey ? [`  --header "${API_KEY_HEADER} $TEST_API_KEY" \\`] : []),
    `  --data-binary "@$RUNNER_TEMP/sample.json" "http://127.0.0.1:$PORT${PREDICT_PATH}")`,
    'cat "$RUNNER_TEMP/prediction.json"; echo',
    'if [ "$status" != "200" ]; then',
    `  echo "::error::${PREDICT_PATH} answered HTTP $status"`,
    '  exit 1',
    'fi',
  ].join('\n');
}

/** The build context's path as one shell word; the settings schema allows no quote or space in it. */
function shellWord(path: string): string {
  return `"${path}"`;
}
