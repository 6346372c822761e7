import type { ModelAddResult, ModelCard, RegistryModel } from '../../shared/contract/modelRegistry.js';
import type { Finding, ModelSummary } from '../../shared/contract/modelSummary.js';
import { formatBytes, formatCount } from '../../shared/format/numbers.js';
import { formatTable } from './formatTable.js';
import { line, terminalText } from './terminalText.js';

/** How `mlw model …` prints registry cards, inspections and findings for people. */

type Value = ModelCard['inputs'][number];

function signature(values: Value[]): string {
  if (values.length === 0) return '(none)';
  return values
    .map(({ name, elementType, shape }) => {
      const dims = shape === null ? '?' : `[${shape.map((dim) => dim ?? '?').join(', ')}]`;
      return `${terminalText(name)} ${elementType ?? 'non-tensor'} ${terminalText(dims)}`;
    })
    .join(', ');
}

function summaryValues(values: ModelSummary['inputs']): Value[] {
  return values.map(({ name, type }) =>
    type && (type.kind === 'tensor' || type.kind === 'sparse_tensor')
      ? { name, elementType: type.elementType, shape: type.shape }
      : { name, elementType: null, shape: null },
  );
}

function checkLine(errors: number, warnings: number): string {
  if (errors + warnings === 0) return 'no findings';
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function convertedFrom(card: ModelCard): string | null {
  const from = card.provenance.convertedFrom;
  if (!from) return null;
  const framework = [from.framework, from.frameworkVersion].filter(Boolean).join(' ');
  const tool = [from.tool, from.toolVersion].filter(Boolean).join(' ');
  return [framework, tool ? `with ${tool}` : ''].filter(Boolean).join(' ');
}

export function renderCard(card: ModelCard, path: string, nameWarning: string | null): string {
  const opsets = card.opsets.map(({ domain, version }) => `${domain} ${version}`).join(', ');
  const source = card.provenance.source;
  const lines: [string, string | null][] = [
    ['description', card.description || null],
    ['file', `${card.file.name}, ${formatBytes(card.file.sizeBytes)}, sha256 ${card.file.sha256}`],
    ...card.externalData.map((file): [string, string] => [
      'external',
      `${file.location}, ${formatBytes(file.sizeBytes)}, sha256 ${file.sha256}`,
    ]),
    [
      'producer',
      `${card.producer.name || 'unknown'} ${card.producer.version}`.trim() +
        `; IR ${card.irVersion ?? '?'}; opsets ${opsets || 'none'}`,
    ],
    ['inputs', signature(card.inputs)],
    ['outputs', signature(card.outputs)],
    ['parameters', `${formatCount(card.parameters)} (${formatBytes(card.weightBytes)} of weights)`],
    ['source', source.kind === 'upload' ? `uploaded ${source.fileName}` : (source.path ?? source.fileName)],
    ['converted', convertedFrom(card)],
    ['conversion', conversionLine(card)],
    ['added', `${card.provenance.addedAt.slice(0, 19).replace('T', ' ')} by ${card.provenance.addedBy}`],
    ['check', checkLine(card.check.errors, card.check.warnings)],
  ];
  return [
    line`${card.name}@${card.version}  (${path})`,
    ...(nameWarning ? [line`  warning: ${nameWarning}`] : []),
    ...lines
      .filter((line): line is [string, string] => line[1] !== null)
      .map(([key, value]) => `  ${key.padEnd(12)}${terminalText(value)}`),
  ].join('\n');
}

export function renderSummary(summary: ModelSummary): string {
  const opsets = summary.opsets.map(({ domain, version }) => `${domain} ${version}`).join(', ');
  const operators = summary.operators
    .slice(0, 8)
    .map(({ opType, count }) => `${opType} ${count}`)
    .join(', ');
  return [
    line`${summary.file.path}  (${formatBytes(summary.file.bytes)})`,
    line`  producer    ${`${summary.producer.name || 'unknown'} ${summary.producer.version}`.trim()}; IR ${summary.irVersion ?? '?'}; opsets ${opsets || 'none'}`,
    `  inputs      ${signature(summaryValues(summary.inputs))}`,
    `  outputs     ${signature(summaryValues(summary.outputs))}`,
    `  parameters  ${formatCount(summary.initializers.parameters)} (${formatBytes(summary.initializers.bytes)} of weights)`,
    line`  operators   ${operators || '(none)'}${summary.operators.length > 8 ? ', …' : ''}`,
  ].join('\n');
}

export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  return formatTable(findings, [
    { header: 'SEVERITY', value: (f) => f.severity },
    { header: 'CODE', value: (f) => f.code },
    { header: 'WHERE', value: (f) => f.node ?? f.value ?? '' },
    { header: 'MESSAGE', value: (f) => f.message, maxWidth: 100 },
  ]);
}

export function renderList(models: readonly RegistryModel[]): string {
  if (models.length === 0) return 'No models yet. Add one with: mlw model add FILE.onnx --name NAME';
  const rows = models.flatMap((model) =>
    model.versions.map((card) => ({ model, card, latest: card.version === model.latest })),
  );
  const table = formatTable(rows, [
    { header: 'NAME', value: (r) => (r.card.version === r.model.versions[0]?.version ? r.model.name : '') },
    { header: 'VERSION', value: (r) => `${r.card.version}${r.latest ? ' (latest)' : ''}` },
    { header: 'FILE', value: (r) => r.card.file.name },
    {
      header: 'SIZE',
      value: (r) => formatBytes(r.card.file.sizeBytes + sum(r.card.externalData)),
      align: 'right',
    },
    { header: 'PARAMS', value: (r) => formatCount(r.card.parameters), align: 'right' },
    { header: 'CHECK', value: (r) => checkLine(r.card.check.errors, r.card.check.warnings) },
    { header: 'ADDED', value: (r) => r.card.provenance.addedAt.slice(0, 16).replace('T', ' ') },
    { header: 'BY', value: (r) => r.card.provenance.addedBy },
  ]);
  const warnings = models
    .filter((model) => model.nameWarning)
    .map((model) => line`warning: ${model.nameWarning}`);
  return [table, ...(warnings.length > 0 ? ['', ...warnings] : [])].join('\n');
}

export function renderAdded(result: ModelAddResult): string {
  return [
    line`Added ${result.name}@${result.version} as ${result.path}`,
    ...result.warnings.map((warning) => line`  warning: ${warning}`),
    '',
    renderCard(result.card, result.path, null),
  ].join('\n');
}

function sum(files: readonly { sizeBytes: number }[]): number {
  return files.reduce((total, file) => total + file.sizeBytes, 0);
}

function conversionLine(card: ModelCard): string | null {
  const conversion = card.provenance.conversion;
  if (!conversion) return null;
  const { parity } = conversion;
  const from = conversion.sourceModel
    ? `${conversion.sourceModel.name}@${conversion.sourceModel.version}`
    : `${conversion.source.fileName} (sha256 ${conversion.source.sha256.slice(0, 12)})`;
  const proof = `parity ${parity.pass ? 'passed' : 'FAILED'}${conversion.forced ? ' (registered anyway)' : ''}, max abs error ${parity.maxAbsError.toExponential(2)}${parity.labelAgreement === null ? '' : `, labels ${(100 * parity.labelAgreement).toFixed(1)}%`}`;
  return `${conversion.from} → ${conversion.to ?? 'ONNX'} by ${conversion.converter.name} from ${from}; ${proof}; ${conversion.conversionId}`;
}
