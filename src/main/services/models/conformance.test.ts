import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../../test/fixtures/onnxTestData.js';
import { createModelService, type ModelService } from './modelService.js';
import { createModelHost } from './runtime/modelHost.js';
import { buildModelWorker } from './runtime/testing/buildWorker.js';
import { forkWorker } from '../workerHost/index.js';
import { runConformance } from './conformance/conformance.js';

/**
 * Every model of the ONNX backend test suite, every test data set, through the workbench's run path
 * (model service, worker process, ONNX Runtime), compared with the reference outputs. The summary is
 * printed and written to test-results/onnx-conformance.json.
 */
const skipReason = onnxTestDataSkipReason();
const repo = resolve(import.meta.dirname, '../../../..');
let entry: string;
let models: ModelService;

beforeAll(async () => {
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }), maxSessions: 1 });
});
afterAll(async () => {
  await models.dispose();
  await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)('ONNX backend test conformance through the model worker', () => {
  it('passes wherever bare ONNX Runtime passes, with the same outputs', { timeout: 600_000 }, async () => {
    const { summary, outcomes } = await runConformance(models, ONNX_TESTDATA);
    await mkdir(join(repo, 'test-results'), { recursive: true });
    await writeFile(
      join(repo, 'test-results', 'onnx-conformance.json'),
      `${JSON.stringify({ summary, outcomes }, null, 2)}\n`,
    );
    const { ortReasons, decoderReasons, failures, ...counts } = summary;
    console.log(
      [
        `ONNX conformance: ${JSON.stringify(counts)}`,
        'ONNX Runtime cannot (grouped):',
        ...ortReasons.map(
          (r) =>
            `  ${r.count} × ${r.reason}  [${r.models.slice(0, 3).join(', ')}${r.count > 3 ? ', …' : ''}]`,
        ),
        'Skipped by our decoder:',
        ...decoderReasons.map((r) => `  ${r.count} × ${r.reason}`),
        ...failures.map((f) => `FAILED ${f.model}: ${f.reason}`),
      ].join('\n'),
    );
    expect(summary.models).toBeGreaterThanOrEqual(1072);
    expect(failures).toEqual([]);
    // Measured when written; a drop means something that ran stopped running.
    expect(summary.passed).toBeGreaterThanOrEqual(950);
    const types = ['float16', 'float32', 'float64', 'bool', 'string', 'int8', 'int16', 'int32', 'int64'];
    for (const type of [
      ...types,
      'uint8',
      'uint16',
      'uint32',
      'uint64',
    ] as (keyof typeof summary.tensorsByType)[])
      expect(summary.tensorsByType[type]?.outputs, type).toBeGreaterThan(0);
  });
});
