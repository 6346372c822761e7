import type { ConversionReport, ConversionRequest } from '../../../../shared/contract/conversion.js';
import type { ParityReport } from '../../../../shared/contract/conversionParity.js';
import type { ConversionProvenance } from '../../../../shared/contract/conversionProvenance.js';
import type { ConvertedFrom } from '../../../../shared/contract/modelRegistry.js';

const FRAMEWORK_NAMES: Record<ConversionReport['from'], { name: string; module: string | null }> = {
  torch: { name: 'PyTorch', module: 'torch' },
  sklearn: { name: 'scikit-learn', module: 'sklearn' },
  tensorflow: { name: 'TensorFlow', module: 'tensorflow' },
  tflite: { name: 'TensorFlow Lite', module: 'tensorflow' },
  onnx: { name: 'ONNX', module: null },
};

/** The card's short convertedFrom, as `mlw model add --converted-from` would give it. */
export function convertedFrom(report: ConversionReport): ConvertedFrom {
  const framework = FRAMEWORK_NAMES[report.from];
  const frameworkVersion = framework.module ? report.libraries[framework.module] : null;
  return {
    framework: framework.name,
    ...(frameworkVersion ? { frameworkVersion } : {}),
    tool: report.converter.name,
    ...(report.converter.version ? { toolVersion: report.converter.version } : {}),
  };
}

export function provenanceOf(report: ConversionReport, forced: boolean): ConversionProvenance {
  return {
    conversionId: report.id,
    from: report.from,
    to: report.to,
    source: { fileName: report.source.fileName, sha256: report.source.sha256, bytes: report.source.bytes },
    sourceModel: report.source.model,
    converter: report.converter,
    libraries: report.libraries,
    opset: report.opset,
    settings: report.settings,
    parity: paritySummary(report.parity),
    forced,
  };
}

export function paritySummary(parity: ParityReport): ConversionProvenance['parity'] {
  const outputs = parity.sets.flatMap((set) => set.outputs);
  const labels = outputs.flatMap((output) => (output.labelAgreement === null ? [] : [output.labelAgreement]));
  const floats = outputs.filter((output) => output.labelAgreement === null);
  return {
    pass: parity.pass,
    rtol: parity.tolerance.rtol,
    atol: parity.tolerance.atol,
    maxAbsError: Math.max(0, ...floats.map((output) => output.maxAbsError)),
    maxRelError: Math.max(0, ...floats.map((output) => output.maxRelError)),
    labelAgreement: labels.length > 0 ? Math.min(...labels) : null,
    batches: parity.sets.map((set) => set.batch),
  };
}

/** The converter's own version: skl2onnx's or tf2onnx's from the environment; ours is the workbench's. */
export function converterVersion(converter: string, packages: Record<string, string | null>): string | null {
  if (converter.startsWith('skl2onnx')) return packages.skl2onnx ?? null;
  if (converter.startsWith('tf2onnx')) return packages.tf2onnx ?? null;
  if (converter.startsWith('torch')) return packages.torch ?? null;
  return null;
}

/** The request's options for the report and the card: what was asked, the user's code by file name only. */
export function settingsOf(request: ConversionRequest): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (key === 'source' || key === 'model' || key === 'register' || key === 'python') continue;
    settings[key] = value;
  }
  if (request.from === 'torch' && request.torch.code)
    settings.torch = { ...request.torch, code: fileNameOf(request.torch.code) };
  if (request.from === 'sklearn' && request.sklearn.code)
    settings.sklearn = { ...request.sklearn, code: fileNameOf(request.sklearn.code) };
  return settings;
}

function fileNameOf(source: { kind: 'path'; path: string } | { kind: 'upload'; uploadId: string }): string {
  return source.kind === 'path' ? source.path.replace(/^.*[\\/]/, '') : 'an upload';
}
