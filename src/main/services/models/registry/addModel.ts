import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, realpath, rename, rm, rmdir, stat, statfs } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { Finding, TypeSummary } from '../../../../shared/contract/modelSummary.js';
import { formatBytes } from '../../../../shared/format/numbers.js';
import {
  modelNameSchema,
  type ConvertedFrom,
  type ModelAddResult,
  type ModelCard,
} from '../../../../shared/contract/modelRegistry.js';
import type { ConversionProvenance } from '../../../../shared/contract/conversionProvenance.js';
import { defaultModelName, genericNameWarning } from '../../../../shared/models/modelNames.js';
import type { JobContext } from '../../jobs/index.js';
import { asDiskFull, writeJsonAtomic, type TrustedSource, type Workspace } from '../../workspace/index.js';
import type { ModelService } from '../modelService.js';
import { openRegularFile, readOnnxModel, regularFileFacts, tensorsOf } from '../onnx/index.js';
import type { RegistryStore } from './store.js';

export interface AddRequest {
  source: TrustedSource;
  name?: string;
  description?: string;
  convertedFrom?: ConvertedFrom;
  /** The conversion that made the file, recorded on the card. */
  conversion?: ConversionProvenance;
  /** Add a file identical to a registered version anyway; refused otherwise. */
  allowDuplicate?: boolean;
}

export interface AddDeps {
  workspace: Workspace;
  store: RegistryStore;
  /** The model worker's inspection (ModelService.inspect). */
  inspect: ModelService['inspect'];
  /** Whether ONNX Runtime loads the model (ModelService.tryLoad). */
  tryLoad: ModelService['tryLoad'];
  userName?: () => string;
}

interface CopiedFile {
  sizeBytes: number;
  sha256: string;
}

/**
 * Source → copy into scratch while hashing → inspect the copy in the model worker → copy the
 * external-data files it names (then inspect again, now with its data) → refuse a duplicate →
 * card.json → one rename into models/<name>/<version>/. Anything that fails or is cancelled removes
 * the scratch folder, so the registry never holds half a version. The source is only read.
 */
export async function runAdd(deps: AddDeps, ctx: JobContext, request: AddRequest): Promise<ModelAddResult> {
  const { source } = request;
  const sourceName = basename(source.label);
  ctx.progress(0, 'Checking the file');
  if (source.headOnly) {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `${sourceName} has not finished uploading.`,
      hint: 'Wait for the upload to finish, then add it.',
    });
  }
  const facts = await regularFileFacts(source.path, 'an ONNX model');
  const name = modelNameSchema.parse(request.name ?? defaultModelName(sourceName));
  const fileName = /\.onnx$/i.test(sourceName) ? sourceName : `${sourceName}.onnx`;
  const stage = deps.workspace.scratch('model-adds', crypto.randomUUID());
  const staged = join(stage, fileName);
  await mkdir(stage, { recursive: true });
  try {
    await ensureRoom(stage, facts.size, sourceName);
    ctx.log(`Copying ${source.temporary ? sourceName : source.path}`);
    const file = await copyHashed(source.path, staged, ctx.signal, (done) =>
      ctx.progress(0.4 * (done / Math.max(1, facts.size)), 'Copying'),
    );
    ctx.progress(0.4, 'Inspecting');
    let inspection = await deps.inspect(staged, ctx.signal);
    const externalData: ModelCard['externalData'] = [];
    if (inspection.summary.initializers.external.count > 0) {
      const locations = await externalLocations(staged, fileName, sourceName, ctx.signal);
      const from = await realpath(dirname(source.path));
      for (const [i, location] of locations.entries()) {
        ctx.progress(0.5 + (0.4 * i) / locations.length, `Copying ${location}`);
        const origin = await externalOrigin(from, location, sourceName, source.temporary);
        await ensureRoom(stage, (await stat(origin)).size, sourceName);
        await mkdir(dirname(join(stage, location)), { recursive: true });
        externalData.push({ location, ...(await copyHashed(origin, join(stage, location), ctx.signal)) });
      }
      ctx.log(`Copied ${locations.length} external data file${locations.length === 1 ? '' : 's'}`);
      ctx.progress(0.9, 'Inspecting with its data');
      inspection = await deps.inspect(staged, ctx.signal);
    }
    refuseInvalidDims(inspection.findings, sourceName);
    const warnings: string[] = [];
    const identical = await findIdentical(deps.store, file.sha256);
    if (identical.length > 0) {
      if (!request.allowDuplicate) {
        throw new WorkbenchError({
          code: 'ALREADY_EXISTS',
          message: `${sourceName} is identical to ${identical.join(', ')} (same SHA-256); nothing was added.`,
          hint: `Use ${identical[0] ?? 'it'}, or add it again with --allow-duplicate (allowDuplicate: true) to register another version of the same file.`,
          details: { sha256: file.sha256, identicalTo: identical },
        });
      }
      warnings.push(`Identical to ${identical.join(', ')} (same SHA-256); added as asked.`);
    }
    const nameWarning = genericNameWarning(name);
    if (nameWarning) warnings.push(nameWarning);
    const errors = inspection.findings.filter((finding) => finding.severity === 'error').length;
    const cautions = inspection.findings.length - errors;
    if (errors > 0)
      warnings.push(
        `The structural check found ${errors} error${errors === 1 ? '' : 's'}: ONNX Runtime will likely refuse to load this model (see \`mlw model check\`).`,
      );
    // The check cannot foresee everything ONNX Runtime refuses (a kernel it lacks, a locale the
    // machine lacks): the add still succeeds, but says so.
    ctx.progress(0.93, 'Loading in ONNX Runtime');
    const refusal = await deps.tryLoad(staged, ctx.signal);
    if (refusal)
      warnings.push(
        `ONNX Runtime cannot load this model, so it cannot be run or served as it is: ${refusal.message}${refusal.hint ? ` ${refusal.hint}` : ''}`,
      );
    ctx.progress(0.97, 'Saving');
    const { summary } = inspection;
    const card = (version: number): ModelCard => ({
      schemaVersion: 1,
      name,
      version,
      file: { name: fileName, ...file },
      externalData,
      producer: summary.producer,
      irVersion: summary.irVersion,
      opsets: summary.opsets,
      inputs: summary.inputs.map(cardValue),
      outputs: summary.outputs.map(cardValue),
      parameters: summary.initializers.parameters,
      weightBytes: summary.initializers.bytes,
      check: { errors, warnings: cautions },
      description: request.description?.trim() ?? '',
      provenance: {
        source: {
          kind: source.temporary ? 'upload' : 'path',
          fileName: sourceName,
          path: source.temporary ? null : source.path,
        },
        convertedFrom:
          request.convertedFrom && Object.keys(request.convertedFrom).length > 0
            ? request.convertedFrom
            : null,
        ...(request.conversion ? { conversion: request.conversion } : {}),
        addedBy: (deps.userName ?? osUserName)(),
        addedAt: new Date().toISOString(),
      },
    });
    const placed = await place(deps.store, stage, name, card, ctx.signal);
    ctx.log(`Added ${name}@${placed.version}`);
    return {
      name,
      version: placed.version,
      path: `models/${name}/${placed.version}/${fileName}`,
      card: placed.card,
      warnings,
      findings: inspection.findings,
    };
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw fileError(error, sourceName);
  }
}

/**
 * A tensor with impossible dims (a negative one) has no size, so the card's parameter and weight
 * counts would be nonsense: such a model is refused, naming the tensor, rather than registered.
 */
function refuseInvalidDims(findings: readonly Finding[], sourceName: string): void {
  const invalid = findings.filter((finding) => finding.code === 'TENSOR_DIMS');
  if (invalid.length === 0) return;
  throw new WorkbenchError({
    code: 'MODEL_INVALID',
    message: `${sourceName} cannot be registered: ${invalid.map((finding) => finding.message).join(' ')}`,
    hint: 'The file is corrupt or its exporter wrote impossible dims: export the model again. `mlw model check FILE` lists all its problems.',
    details: { tensors: invalid.map((finding) => finding.value ?? '') },
  });
}

/** Refuses, before writing, a copy the workspace disk cannot hold (with 1 MiB to spare). */
async function ensureRoom(folder: string, bytes: number, sourceName: string): Promise<void> {
  const disk = await statfs(folder).catch(() => null);
  if (!disk) return;
  const free = disk.bavail * disk.bsize;
  if (free >= bytes + 1024 * 1024) return;
  throw new WorkbenchError({
    code: 'DISK_FULL',
    message: `Adding ${sourceName} needs ${formatBytes(bytes)}, but the workspace disk has ${formatBytes(free)} free; nothing was added.`,
    hint: 'Free some space on the workspace disk, or use a workspace on a bigger disk.',
    details: { path: folder, needBytes: bytes, freeBytes: free },
  });
}

/** Plain file-system failures as the user should read them; anything else passes unchanged. */
function fileError(error: unknown, sourceName: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') {
    return new WorkbenchError(
      {
        code: 'DISK_FULL',
        message: `The workspace disk filled up while adding ${sourceName}; nothing was added.`,
        hint: 'Free some space on the workspace disk, then add the model again.',
      },
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
    return new WorkbenchError(
      {
        code: 'INVALID_INPUT',
        message: `Cannot read ${sourceName}: ${code === 'EISDIR' ? 'it is a folder' : 'permission denied'}; nothing was added.`,
        hint: 'Check that the file (and its external data files) can be read by you.',
      },
      { cause: error },
    );
  }
  return error;
}

/** Renames the staged folder to the next free version; a concurrent add of the same name takes the one after. */
async function place(
  store: RegistryStore,
  stage: string,
  name: string,
  card: (version: number) => ModelCard,
  signal: AbortSignal,
): Promise<{ version: number; card: ModelCard }> {
  const folder = join(store.root, name);
  await mkdir(folder, { recursive: true });
  let version = (await store.highestVersion(name)) + 1;
  try {
    for (;;) {
      const written = card(version);
      await writeJsonAtomic(join(stage, 'card.json'), written);
      signal.throwIfAborted();
      const target = join(folder, String(version));
      try {
        await rename(stage, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST') {
          version += 1;
          continue;
        }
        throw error;
      }
      // Cancelled in the instant of the rename: take it back, so a cancelled add leaves nothing.
      if (signal.aborted) {
        await rename(target, stage);
        signal.throwIfAborted();
      }
      return { version, card: written };
    }
  } catch (error) {
    await rmdir(folder).catch(() => undefined);
    throw error;
  }
}

async function copyHashed(
  from: string,
  to: string,
  signal: AbortSignal,
  onProgress?: (bytes: number) => void,
): Promise<CopiedFile> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const { handle, size: expected } = await openRegularFile(from, 'a model file', signal);
  await pipeline(
    handle.createReadStream({ highWaterMark: 1024 * 1024 }),
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        onProgress?.(sizeBytes);
        done(null, chunk);
      },
    }),
    createWriteStream(to, { flags: 'wx' }),
    { signal },
  ).catch(async (error: unknown) => {
    throw await asDiskFull(error, to, expected);
  });
  return { sizeBytes, sha256: hash.digest('hex') };
}

/** The external-data files a model names, read from the staged copy (the worker has read it already). */
async function externalLocations(
  staged: string,
  fileName: string,
  sourceName: string,
  signal: AbortSignal,
): Promise<string[]> {
  const model = await readOnnxModel(staged, { signal });
  const locations = new Set<string>();
  for (const tensor of tensorsOf(model.graph)) {
    const external = tensor.external;
    if (!external) continue;
    const location = external.location.replaceAll('\\', '/');
    if (
      external.problem === 'no-location' ||
      external.problem === 'outside-model-folder' ||
      location === 'card.json' ||
      location === fileName
    ) {
      throw new WorkbenchError({
        code: 'MODEL_INVALID',
        message: `${sourceName} stores the tensor "${tensor.name}" in "${external.location}", which cannot be copied beside it.`,
        hint: 'External data must be files in the model’s folder (no "..", no absolute paths); save the model again with its data in that folder.',
      });
    }
    locations.add(location.replace(/^\.\//, ''));
  }
  return [...locations].sort();
}

/** The source of an external-data file: inside the model's own folder, a regular file. */
async function externalOrigin(
  folder: string,
  location: string,
  sourceName: string,
  uploaded: boolean,
): Promise<string> {
  const missing = (why: string) =>
    new WorkbenchError({
      code: 'MODEL_INVALID',
      message: `${sourceName} keeps its weights in "${location}", which ${why}.`,
      hint: uploaded
        ? 'An upload brings only the .onnx file: add this model from its folder on disk (`mlw model add FILE`).'
        : 'Keep the external data files beside the .onnx file, with the names the model gives them.',
      details: { location },
    });
  let real: string;
  try {
    real = await realpath(join(folder, location));
  } catch {
    throw missing(`is not beside it in ${uploaded ? 'the upload' : folder}`);
  }
  if (!real.startsWith(folder + sep)) throw missing('leads outside its folder through a link');
  if (!(await stat(real)).isFile()) throw missing('is not a file');
  return real;
}

async function findIdentical(store: RegistryStore, sha256: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await store.names()) {
    for (const { card } of await store.versions(name)) {
      if (card.file.sha256 === sha256) found.push(`${card.name}@${card.version}`);
    }
  }
  return found;
}

function cardValue(value: { name: string; type: TypeSummary | null }): ModelCard['inputs'][number] {
  const type = value.type;
  if (type && (type.kind === 'tensor' || type.kind === 'sparse_tensor'))
    return { name: value.name, elementType: type.elementType, shape: type.shape };
  return { name: value.name, elementType: null, shape: null };
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
