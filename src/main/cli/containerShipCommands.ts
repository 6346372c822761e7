import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Command } from 'commander';
import { pushResultSchema, type RegistryCredentials } from '../../shared/contract/containerShip.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { jobResult } from './jobResult.js';
import type { CliSession } from './session.js';
import { line } from './terminalText.js';

type WithSession = (work: (session: CliSession) => Promise<void>) => Promise<void>;

/** Where a script gives the registry password without putting it on the command line. */
export const PASSWORD_ENV = 'MLW_REGISTRY_PASSWORD';

interface PushFlags {
  username?: string;
  passwordStdin?: boolean;
  remember?: boolean;
}

interface ExportFlags {
  kind: string;
  image?: string;
  replicas?: string;
  cpu?: string;
  memory?: string;
  apiKeySecret?: string;
  autoscale?: string;
  sample?: string;
  buildContext?: string;
  stdout?: boolean;
}

const KINDS = {
  k8s: 'containers.exportKubernetes',
  kserve: 'containers.exportKserve',
  github: 'containers.exportWorkflow',
} as const;

export function registerShipCommands(container: Command, withSession: WithSession): void {
  container
    .command('push')
    .description(
      "Tag a build's image as REGISTRY/REPO:TAG and push it; the login comes from --username, the OS keychain or ~/.docker/config.json",
    )
    .argument('<build>', 'the build id (mlw container builds lists them)')
    .argument('<target>', 'where to push, e.g. ghcr.io/acme/churn:3 or 127.0.0.1:5000/churn:3')
    .option('-u, --username <name>', 'the registry username')
    .option('--password-stdin', `read the password (or token) from standard input (or set ${PASSWORD_ENV})`)
    .option('--remember', 'keep the given login in the OS keychain for this registry')
    .action((build: string, target: string, flags: PushFlags) =>
      withSession(async ({ call, follow, output }) => {
        const credentials = await givenCredentials(flags);
        const result = pushResultSchema.parse(
          jobResult(
            await follow(
              await call('containers.push', {
                buildId: build,
                target,
                remember: flags.remember === true,
                ...(credentials ? { credentials } : {}),
              }),
            ),
          ),
        );
        if (result.rememberProblem) output.io.err(`mlw: warning: ${result.rememberProblem}\n`);
        output.result(result, () =>
          [
            line`Pushed ${result.reference}${result.digest ? ` (${result.digest})` : ''}`,
            line`Deploy it: mlw container export ${result.buildId} --kind k8s`,
          ].join('\n'),
        );
      }),
    );

  container
    .command('export')
    .description(
      "Write Kubernetes manifests, a KServe InferenceService or a GitHub Actions workflow for a build's pushed image into builds/<id>/export/",
    )
    .argument('<build>', 'the build id')
    .requiredOption('--kind <kind>', 'k8s, kserve or github')
    .option('--image <ref>', "the image the cluster pulls (default: the build's last push, by digest)")
    .option('--replicas <n>', 'how many pods (k8s, kserve)')
    .option('--cpu <quantity>', 'CPU requested and limited, e.g. 500m')
    .option('--memory <quantity>', 'memory requested and limited, e.g. 512Mi')
    .option('--api-key-secret <name>', 'a Kubernetes Secret whose api-key entry the server requires')
    .option('--autoscale <min:max:cpu%>', 'a HorizontalPodAutoscaler, e.g. 1:5:70')
    .option('--sample <file>', 'github: a JSON file with the /predict request the workflow sends')
    .option(
      '--build-context <dir>',
      'github: the build context folder in the repository (default: builds/<id>/context)',
    )
    .option('--stdout', 'print the YAML too')
    .action((build: string, flags: ExportFlags) =>
      withSession(async ({ call, output }) => {
        const procedure = KINDS[flags.kind as keyof typeof KINDS] as
          (typeof KINDS)[keyof typeof KINDS] | undefined;
        if (!procedure)
          throw new WorkbenchError({
            code: 'INVALID_INPUT',
            message: `--kind is k8s, kserve or github, not "${flags.kind}".`,
          });
        const common = {
          buildId: build,
          ...(flags.image ? { image: flags.image } : {}),
          ...(flags.apiKeySecret ? { apiKeySecretName: flags.apiKeySecret } : {}),
          ...(flags.replicas !== undefined ? { replicas: wholeNumber('--replicas', flags.replicas) } : {}),
          ...(flags.cpu || flags.memory
            ? { resources: { cpu: flags.cpu ?? '500m', memory: flags.memory ?? '512Mi' } }
            : {}),
          ...(flags.autoscale ? { autoscale: autoscaleFlag(flags.autoscale) } : {}),
        };
        const written =
          procedure === 'containers.exportWorkflow'
            ? await call(procedure, {
                ...common,
                sampleRequest: await sampleFlag(flags.sample),
                ...(flags.buildContext ? { buildContext: flags.buildContext } : {}),
              })
            : await call(procedure, common);
        output.result(written, () =>
          flags.stdout ? `${written.path}\n${written.yaml.trimEnd()}` : written.path,
        );
      }),
    );
}

/** --username with the password from stdin (or the environment): never an argument, which `ps` shows. */
async function givenCredentials(flags: PushFlags): Promise<RegistryCredentials | undefined> {
  if (!flags.username) {
    if (flags.passwordStdin)
      throw new WorkbenchError({ code: 'INVALID_INPUT', message: '--password-stdin needs --username.' });
    return undefined;
  }
  const password = flags.passwordStdin ? await readStdin() : process.env[PASSWORD_ENV];
  if (!password)
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `--username ${flags.username} needs a password: pipe it to --password-stdin or set ${PASSWORD_ENV}.`,
    });
  return { username: flags.username, password };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function wholeNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value))
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `${flag} must be a whole number, not "${text}".`,
    });
  return value;
}

function autoscaleFlag(text: string): { min: number; max: number; cpuPercent: number } {
  const [min, max, cpu] = text.replace(/%$/, '').split(':');
  if (min === undefined || max === undefined || cpu === undefined)
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `--autoscale is MIN:MAX:CPU%, e.g. 1:5:70, not "${text}".`,
    });
  return {
    min: wholeNumber('--autoscale min', min),
    max: wholeNumber('--autoscale max', max),
    cpuPercent: wholeNumber('--autoscale cpu%', cpu),
  };
}

async function sampleFlag(file: string | undefined): Promise<z.core.util.JSONType> {
  if (!file)
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: '--kind github needs --sample FILE: the JSON body of the /predict request the workflow sends.',
      hint: 'mlw container try prints a request body that the model accepts.',
    });
  try {
    return JSON.parse(await readFile(file, 'utf8')) as z.core.util.JSONType;
  } catch (error) {
    throw new WorkbenchError(
      {
        code: 'INVALID_INPUT',
        message: `--sample ${file} is not a readable JSON file: ${(error as Error).message}`,
      },
      { cause: error },
    );
  }
}
