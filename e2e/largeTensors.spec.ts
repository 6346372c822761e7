import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeModel } from '../src/main/services/models/onnx/testModels.js';
import { encodeNpy } from '../src/shared/tensors/npy.js';
import { expect, test } from './fixtures.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';

const FLOAT = 1;
const COLUMNS = 1024;
/** 4,400 x 1,024 float32 = 18 MB: the .npy that once took the browser host down. */
const ROWS = 4400;

/** Abs of x float32 [N, 1024]: an output as large as its input, so both directions carry 18 MB. */
async function writeAbsModel(workspace: string): Promise<void> {
  await writeModel(join(workspace, 'models'), 'abs.onnx', {
    opset: 17,
    graph: {
      name: 'abs',
      nodes: [{ op: 'Abs', inputs: ['x'], outputs: ['y'] }],
      inputs: [{ name: 'x', elemType: FLOAT, shape: ['N', COLUMNS] }],
      outputs: [{ name: 'y', elemType: FLOAT, shape: ['N', COLUMNS] }],
    },
  });
}

test('runs an 18 MB .npy input in the browser and shows its 18 MB output', async ({
  app,
  host,
}, testInfo) => {
  test.setTimeout(180_000);
  await writeAbsModel(host.workspace);
  const data = new Float32Array(ROWS * COLUMNS);
  for (let i = 0; i < data.length; i += 1) data[i] = i % 2 === 0 ? -(i % 97) : i % 89;
  const file = testInfo.outputPath('big.npy');
  const bytes = encodeNpy({ type: 'float32', dims: [ROWS, COLUMNS], data });
  expect(bytes.length).toBeGreaterThan(18_000_000);
  await writeFile(file, bytes);

  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/abs.onnx');
  await models.showTab('run');
  const input = app.getByTestId('run-input');
  const chooser = app.waitForEvent('filechooser');
  await input.getByTestId('run-input-load').click();
  await (await chooser).setFiles(file);
  await expect(input.getByTestId('run-input-file')).toContainText(`float32 [${ROWS}, ${COLUMNS}]`);
  await app.getByTestId('run-button').click();

  const output = app.getByTestId('run-output');
  await expect(output.getByTestId('run-output-shape')).toHaveText(`[${ROWS}, ${COLUMNS}]`, {
    timeout: 120_000,
  });
  // |x| of the first row: 0, 1, 2, 3 … (even positions were negative).
  await expect(output.getByTestId('run-output-stat-min')).toContainText('0');
  await expect(output.getByTestId('run-output-stat-max')).toContainText('96');
  // The connection survived: the status bar shows no reconnect, and the app still answers.
  await expect(app.getByTestId('connection-state')).toHaveCount(0);
});
