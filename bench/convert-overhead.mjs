#!/usr/bin/env node
// A conversion's own overhead: `mlw convert` (CLI start, Python detection, the converter script,
// structural check, parity in ONNX Runtime, latency before/after, saving) against the baseline of
// the same converter script run alone with the same arguments, in the same run, per model.
// The figure: the workbench's part beyond the converter's stays under 2 s.
// Needs `npm run build` (bin/mlw.mjs runs out/main/cli.js). Usage: node bench/convert-overhead.mjs [--repeat 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' } } });
const repeat = Number(values.repeat);
const python = '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'mlw-convert-overhead-'));
const file = (name) => join(dir, name);

function timed(command, args, env = {}) {
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return { ms, stdout: run.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  for (const script of [
    'test/fixtures/conversion/make_torch_models.py',
    'test/fixtures/conversion/make_sklearn_models.py',
  ])
    timed(python, [script, dir]);
  const cases = [
    {
      name: 'sklearn forest pipeline (wine)',
      script: 'sklearn_to_onnx.py',
      scriptArgs: [
        '--source',
        file('wine_forest.pkl'),
        '--converter',
        'mlw',
        '--parity-data',
        file('wine_forest.npy'),
      ],
      cliArgs: [file('wine_forest.pkl'), '--converter', 'mlw', '--parity-data', file('wine_forest.npy')],
    },
    {
      name: 'torch CNN (TorchScript)',
      script: 'torch_to_onnx.py',
      scriptArgs: ['--source', file('cnn_traced.pt'), '--input-shape', '2,3,16,16'],
      cliArgs: [file('cnn_traced.pt'), '--input-shape', '2,3,16,16'],
    },
    {
      name: 'torch GRU, dynamic batch',
      script: 'torch_to_onnx.py',
      scriptArgs: [
        '--source',
        file('gru_module.pt'),
        '--code',
        'test/fixtures/conversion/torch_zoo.py',
        '--input-shape',
        '2,5',
        '--input-type',
        'int64',
        '--dynamic-batch',
      ],
      cliArgs: [
        file('gru_module.pt'),
        '--code',
        'test/fixtures/conversion/torch_zoo.py',
        '--input-shape',
        '2,5',
        '--input-type',
        'int64',
        '--dynamic-batch',
      ],
    },
  ];
  console.log(`Conversion overhead, median of ${repeat} (ms): the converter script alone vs mlw convert`);
  console.log('case                              script    mlw convert  overhead  overhead in-report  ratio');
  for (const entry of cases) {
    const alone = [];
    const ours = [];
    const reported = [];
    for (let i = 0; i < repeat; i++) {
      const parity = file(`parity-${i}`);
      alone.push(
        timed(python, [
          join('resources/converters', entry.script),
          ...entry.scriptArgs,
          '--out',
          file(`alone-${i}.onnx`),
          '--parity-dir',
          parity,
          '--latency-runs',
          '20',
        ]).ms,
      );
      rmSync(parity, { recursive: true, force: true });
      const run = timed(process.execPath, ['bin/mlw.mjs', '--json', 'convert', ...entry.cliArgs], {
        MLW_WORKSPACE: file(`ws-${i}`),
      });
      ours.push(run.ms);
      reported.push(JSON.parse(run.stdout).timings.overheadMs);
    }
    const [a, o, r] = [median(alone), median(ours), median(reported)];
    console.log(
      `${entry.name.padEnd(32)} ${a.toFixed(0).padStart(7)} ${o.toFixed(0).padStart(12)} ${(o - a).toFixed(0).padStart(9)} ${r.toFixed(0).padStart(19)} ${(o / a).toFixed(2).padStart(6)}x`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
