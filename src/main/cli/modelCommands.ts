import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { WorkbenchError, isWorkbenchError } from '../../shared/contract/errors.js';
import {
  modelAddResultSchema,
  type ConvertedFrom,
  type ModelRef,
} from '../../shared/contract/modelRegistry.js';
import type { Finding } from '../../shared/contract/modelSummary.js';
import { formatModelRef, parseModelRef } from '../../shared/models/modelRef.js';
import { formatTable } from './formatTable.js';
import { renderAdded, renderCard, renderFindings, renderList, renderSummary } from './renderModel.js';
import { line } from './terminalText.js';
import { jobResult } from './jobResult.js';
import type { CliSession } from './session.js';

type WithSession = (work: (session: CliSession) => Promise<void>) => Promise<void>;

interface AddFlags {
  name?: string;
  description?: string;
  convertedFrom?: string;
  frameworkVersion?: string;
  tool?: string;
  toolVersion?: string;
  allowDuplicate?: boolean;
}

/** The `mlw model` group, shared with the other model commands (run, bench, …) whichever registers first. */
export function modelGroup(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'model') ??
    program.command('model').description('Register, inspect, check and run ONNX models')
  );
}

export function registerModelCommands(
  program: Command,
  withSession: WithSession,
  setExitCode: (code: number) => void,
): void {
  const model = modelGroup(program);

  model
    .command('add')
    .description(
      'Add an .onnx file (and its external data files) to the registry as the next version of a name',
    )
    .argument('<file>', 'the .onnx file')
    .option('--name <name>', 'the registry name (default: from the file name)')
    .option('--description <text>', 'what the model does, for its card')
    .option(
      '--converted-from <framework>',
      'the framework it was converted from (pytorch, tensorflow, sklearn, …)',
    )
    .option('--framework-version <version>', "that framework's version")
    .option('--tool <tool>', 'the converter used (torch.onnx, tf2onnx, skl2onnx, …)')
    .option('--tool-version <version>', "the converter's version")
    .option('--allow-duplicate', 'add it even when an identical file is already registered')
    .action((file: string, flags: AddFlags) =>
      withSession(async ({ call, follow, output }) => {
        const convertedFrom: ConvertedFrom = {
          ...(flags.convertedFrom ? { framework: flags.convertedFrom } : {}),
          ...(flags.frameworkVersion ? { frameworkVersion: flags.frameworkVersion } : {}),
          ...(flags.tool ? { tool: flags.tool } : {}),
          ...(flags.toolVersion ? { toolVersion: flags.toolVersion } : {}),
        };
        const job = await follow(
          await call('models.add', {
            source: { kind: 'path', path: file },
            ...(flags.name === undefined ? {} : { name: flags.name }),
            ...(flags.description === undefined ? {} : { description: flags.description }),
            ...(Object.keys(convertedFrom).length > 0 ? { convertedFrom } : {}),
            ...(flags.allowDuplicate ? { allowDuplicate: true } : {}),
          }),
        );
        const result = modelAddResultSchema.parse(jobResult(job));
        output.result(result, () => renderAdded(result));
      }),
    );

  model
    .command('list')
    .description('List the registered models with their versions')
    .action(() =>
      withSession(async ({ call, output }) => {
        const models = await call('models.list', {});
        output.result(models, () => renderList(models));
      }),
    );

  model
    .command('show')
    .description("Show a registered model's card and inspection, or inspect an .onnx file")
    .argument('<ref>', 'name, name@version, or a path to an .onnx file')
    .action((text: string) =>
      withSession(async ({ call, output }) => {
        const ref = parseModelRef(text);
        if (ref.kind === 'registry') {
          const found = await call('models.get', {
            name: ref.name,
            ...(ref.version ? { version: ref.version } : {}),
          });
          output.result(found, () =>
            [
              renderCard(found.card, found.path, found.nameWarning),
              '',
              renderSummary(found.summary),
              '',
              renderFindings(found.findings),
            ].join('\n'),
          );
          return;
        }
        const inspected = await call('models.inspect', { model: ref });
        output.result(inspected, () =>
          [renderSummary(inspected.summary), '', renderFindings(inspected.findings)].join('\n'),
        );
      }),
    );

  model
    .command('delete')
    .description('Move a model version (name@version) or a whole model (name) to models/.trash/')
    .argument('<ref>', 'name@version, or name for every version')
    .option('-y, --yes', 'do not ask; required when there is no terminal to ask on')
    .action((text: string, flags: { yes?: boolean }) =>
      withSession(async ({ call, output }) => {
        const ref = parseModelRef(text);
        if (ref.kind !== 'registry') {
          throw new WorkbenchError({
            code: 'INVALID_INPUT',
            message: `"${text}" is a file, not a registered model.`,
            hint: 'Name a model as `mlw model list` shows it: name@version, or name for every version.',
          });
        }
        const what =
          ref.version === undefined ? `every version of ${ref.name}` : `${ref.name}@${ref.version}`;
        if (!flags.yes) {
          if (!output.io.interactive || !process.stdin.isTTY || output.json) {
            throw new WorkbenchError({
              code: 'INVALID_INPUT',
              message: `Deleting ${what} needs confirmation, and there is no terminal to ask on.`,
              hint: 'Add --yes. The files are moved to models/.trash/, not erased.',
            });
          }
          if (!(await ask(`Move ${what} to models/.trash/?`))) {
            throw new WorkbenchError({ code: 'CANCELLED', message: 'Nothing was deleted.' });
          }
        }
        const removed = await call('models.delete', {
          name: ref.name,
          ...(ref.version === undefined ? {} : { version: ref.version }),
          confirm: true,
        });
        output.result(
          removed,
          () =>
            line`Moved ${removed.versions.map((version) => `${removed.name}@${version}`).join(', ')} to ${removed.trashedAs}`,
        );
      }),
    );

  model
    .command('check')
    .description(
      'Check .onnx files (folders are searched for *.onnx) or registered models; exits 1 when any has a finding',
    )
    .argument('<paths...>', 'files, folders, or name[@version]')
    .option('--errors-only', 'ignore warnings: exit 1 only for errors (unreadable files are errors)')
    .action((paths: string[], flags: { errorsOnly?: boolean }) =>
      withSession(async ({ call, output }) => {
        const targets = (await Promise.all(paths.map(expand))).flat();
        const files: { file: string; findings: Finding[] }[] = [];
        for (const target of targets) {
          if ('error' in target) {
            files.push({ file: target.label, findings: [unreadable(target.error)] });
            continue;
          }
          try {
            const checked = await call('models.check', { model: target.ref });
            files.push({ file: target.label, findings: checked.findings });
          } catch (error) {
            if (isWorkbenchError(error) && error.code === 'CANCELLED') throw error;
            files.push({ file: target.label, findings: [unreadable(error)] });
          }
        }
        const all = files.flatMap((file) => file.findings);
        const errors = all.filter((finding) => finding.severity === 'error').length;
        const warnings = all.length - errors;
        const failed = errors > 0 || (!flags.errorsOnly && warnings > 0);
        output.result({ files, errors, warnings, failed }, () => renderCheck(files, errors, warnings));
        if (failed) setExitCode(1);
      }),
    );
}

type Target = { label: string; ref: ModelRef } | { label: string; error: unknown };

/** A folder becomes its .onnx files (hidden folders skipped); a name that is no file is a registry reference. */
async function expand(text: string): Promise<Target[]> {
  const path = resolve(text);
  const facts = await stat(path).catch(() => null);
  if (facts?.isDirectory()) {
    const found = await onnxFilesUnder(path);
    if (found.length === 0) {
      return [
        {
          label: text,
          error: new WorkbenchError({ code: 'NOT_FOUND', message: `${text} holds no .onnx files.` }),
        },
      ];
    }
    return found.map((file) => ({
      label: join(text, relative(path, file)),
      ref: { kind: 'path', path: file },
    }));
  }
  if (facts) return [{ label: text, ref: { kind: 'path', path } }];
  try {
    const ref = parseModelRef(text);
    return [{ label: ref.kind === 'registry' ? formatModelRef(ref) : text, ref }];
  } catch (error) {
    return [{ label: text, error }];
  }
}

async function onnxFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await onnxFilesUnder(path)));
    else if (/\.onnx$/i.test(entry.name)) files.push(path);
  }
  return files;
}

function unreadable(error: unknown): Finding {
  return isWorkbenchError(error)
    ? { severity: 'error', code: error.code, message: error.message }
    : {
        severity: 'error',
        code: 'UNREADABLE',
        message: error instanceof Error ? error.message : String(error),
      };
}

function renderCheck(
  files: { file: string; findings: Finding[] }[],
  errors: number,
  warnings: number,
): string {
  const rows = files.flatMap(({ file, findings }) =>
    findings.length === 0
      ? [{ file, severity: 'ok', code: '', where: '', message: '' }]
      : findings.map((finding) => ({
          file,
          severity: finding.severity,
          code: finding.code,
          where: finding.node ?? finding.value ?? '',
          message: finding.message,
        })),
  );
  const table = formatTable(rows, [
    { header: 'FILE', value: (r) => r.file, maxWidth: 60, cut: 'start' },
    { header: 'RESULT', value: (r) => r.severity },
    { header: 'CODE', value: (r) => r.code },
    { header: 'WHERE', value: (r) => r.where },
    { header: 'MESSAGE', value: (r) => r.message, maxWidth: 100 },
  ]);
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${table}\n\n${count(files.length, 'file')} checked: ${count(errors, 'error')}, ${count(warnings, 'warning')}`;
}

async function ask(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}
