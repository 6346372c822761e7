import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../services/models/onnx/dataTypes.js';
import { encodeModel } from '../services/models/onnx/testModels.js';
import { builtCliSkipReason, spawnMlw } from './testing/spawnMlw.js';

/** What must never reach a terminal raw: C0 but LF and tab, DEL, C1, bidi and line separators. */
const RAW =
  // eslint-disable-next-line no-control-regex -- the characters no output may carry
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const skipReason = builtCliSkipReason();
let dir: string;
let workspace: string;
let model: string;
let csv: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-hostile-'));
  workspace = join(dir, 'ws');
  // A file name with a newline, an input that sets the terminal title, an output that flips text.
  model = join(dir, 'evil\nname.onnx');
  await writeFile(
    model,
    encodeModel({
      opset: 13,
      producer: { name: '\x1b[2Jproducer', version: '1\r' },
      graph: {
        nodes: [{ op: 'Identity', inputs: ['\x1b]0;pwned\x07'], outputs: ['\u202eevil\x9b2J'] }],
        inputs: [{ name: '\x1b]0;pwned\x07', elemType: DataType.FLOAT, shape: ['n\x1b[1A', 3] }],
        outputs: [{ name: '\u202eevil\x9b2J', elemType: DataType.FLOAT, shape: ['n\x1b[1A', 3] }],
      },
    }),
  );
  csv = join(dir, 'hostile\n\x1b[31m.csv');
  await writeFile(
    csv,
    '"\x1b[2J",note,"\x1b]8;;http://x\x07link"\n1,"a\rb",x\n2,"\x1b]52;c;cHduZWQ=\x07",y\n3,"\u202etxt.exe",z\n',
  );
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cases: { what: string; argv: () => string[]; json?: boolean }[] = [
  { what: 'model show FILE', argv: () => ['model', 'show', model] },
  { what: 'model check FILE', argv: () => ['model', 'check', model] },
  { what: 'model add', argv: () => ['model', 'add', model, '--name', 'evil'] },
  { what: 'model list', argv: () => ['model', 'list'] },
  { what: 'model show NAME', argv: () => ['model', 'show', 'evil@1'] },
  { what: 'model shapes', argv: () => ['model', 'shapes', 'evil@1', '--dim', 'n\x1b[1A=2'] },
  { what: 'model bench', argv: () => ['model', 'bench', 'evil@1', '--runs', '2', '--warmup', '0'] },
  { what: 'model show --json', argv: () => ['--json', 'model', 'show', 'evil@1'], json: true },
  { what: 'data preview', argv: () => ['data', 'preview', csv] },
  { what: 'data profile', argv: () => ['data', 'profile', csv] },
  { what: 'data profile --json', argv: () => ['--json', 'data', 'profile', csv], json: true },
  { what: 'data import', argv: () => ['data', 'import', csv, '--name', 'hostile'] },
  { what: 'data list', argv: () => ['data', 'list'] },
  { what: 'data show', argv: () => ['data', 'show', 'hostile'] },
  { what: 'data head', argv: () => ['data', 'head', 'hostile'] },
  { what: 'data head --json', argv: () => ['--json', 'data', 'head', 'hostile'], json: true },
  { what: 'an error naming the file', argv: () => ['data', 'import', join(dir, '\x1b[31mmissing\r.csv')] },
  {
    what: 'an error as JSON',
    argv: () => ['--json', 'model', 'show', join(dir, '\x1b]0;x\x07.onnx')],
    json: true,
  },
];

describe.skipIf(skipReason !== undefined)(
  `hostile names through the built CLI (${skipReason ?? 'out/main/cli.js'})`,
  () => {
    // In order: the add and the import make what the later cases show.
    it.each(cases)('$what prints no raw control character', async ({ argv, json }) => {
      const { stdout, stderr } = await spawnMlw(workspace, argv()).exit;
      expect(stdout + stderr).not.toMatch(RAW);
      if (json) expect(() => JSON.parse(stdout) as unknown).not.toThrow();
    });

    it('shows the names escaped, so they can still be read', async () => {
      const shown = await spawnMlw(workspace, ['model', 'show', 'evil@1']).exit;
      expect(shown.stdout).toContain('inputs      \\x1b]0;pwned\\x07 FLOAT [n\\x1b[1A, 3]');
      expect(shown.stdout).toContain('file        evil\\nname.onnx, ');
      expect(shown.stdout).toContain('\\u202eevil\\u009b2J');
      const json = await spawnMlw(workspace, ['--json', 'model', 'show', 'evil@1']).exit;
      expect(JSON.stringify(JSON.parse(json.stdout))).toContain('"name":"\\u001b]0;pwned\\u0007"');
      const head = await spawnMlw(workspace, ['data', 'head', 'hostile']).exit;
      expect(head.stdout).toContain('\\x1b[2J');
      expect(head.stdout).toContain('a\\rb');
    });
  },
);
