import { expect, it } from 'vitest';
import { describeExit } from './supervisor.js';

it("names the JavaScript error that ended a worker, not Node's trailer after it", () => {
  const stderr = [
    'file:///app/out/main/modelWorker.js:12',
    '    throw new Error(`Cannot find module ${name}`);',
    '    ^',
    '',
    "Error: Cannot find module 'onnxruntime-node'",
    '    at load (file:///app/out/main/modelWorker.js:12:11)',
    '{',
    "  code: 'ERR_MODULE_NOT_FOUND'",
    '}',
    '',
    'Node.js v20.20.2',
    '',
  ].join('\n');
  expect(describeExit({ code: 1, signal: null }, stderr)).toBe(
    "exited with code 1 (Error: Cannot find module 'onnxruntime-node')",
  );
});

it("keeps a native engine's last lines, which are its fatal message", () => {
  const stderr = 'terminate called after throwing an instance of std::bad_alloc\n  what():  std::bad_alloc\n';
  expect(describeExit({ code: null, signal: 'SIGABRT' }, stderr)).toBe(
    'was killed by SIGABRT (terminate called after throwing an instance of std::bad_alloc what():  std::bad_alloc)',
  );
});

it('says only how it ended when it said nothing', () => {
  expect(describeExit({ code: null, signal: 'SIGKILL' }, '')).toBe('was killed by SIGKILL');
});
