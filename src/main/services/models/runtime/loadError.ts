import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { cleanRuntimeMessage } from '../../../../shared/models/runtimeMessage.js';

const GENERIC_HINT =
  'Check that the file is a complete .onnx model (not truncated, not another format), that its external data files sit beside it, and that its opset and operators are supported. `mlw model check` lists the problems it can find without loading it.';

/**
 * Why ONNX Runtime refused to load a model, in words that name what to change. Its own messages
 * name an unknown operator, a deprecated one or a too-new opset in passing, after a C++ location;
 * anything else keeps ONNX Runtime's sentence, cleaned of its C++ (runtimeMessage.ts).
 */
export function loadError(fileName: string, path: string, text: string, cause: unknown): WorkbenchError {
  const error = (message: string, hint: string, details: Record<string, unknown> = {}) =>
    new WorkbenchError({ code: 'MODEL_INVALID', message, hint, details: { path, ...details } }, { cause });
  const node = /In Node, \("([^"]*)", (\w+), "([^"]*)"/.exec(text);
  const nodeName = node?.[1] ? ` (node ${node[1]})` : '';

  const custom = /([\w.]+):(\w+)\((-?\d+)\) is not a registered function\/op/.exec(text);
  if (custom) {
    const [, domain, operator] = custom;
    return error(
      `${fileName} uses the operator ${operator} from the domain ${domain}, which ONNX Runtime does not have.`,
      `${domain} is not a standard ONNX domain: the operator comes from a custom-operator library. Run the model where that library is registered, or export it without the custom operator.`,
      { operator, domain },
    );
  }
  const unknown = /No Op registered for (\w+) with domain_version of (\d+)/.exec(text);
  if (unknown) {
    const [, operator, opset] = unknown;
    const domain = node?.[3] || 'ai.onnx';
    return error(
      `${fileName} uses the operator ${operator}${nodeName}, which ${domain} opset ${opset} does not define.`,
      'Check the operator name and the opset the model imports; export the model again with operators of that opset.',
      { operator, domain, opset: Number(opset) },
    );
  }
  const deprecated = /Op registered for (\w+) is deprecated in domain_version of (\d+)/.exec(text);
  if (deprecated) {
    const [, operator, opset] = deprecated;
    return error(
      `${fileName} uses the operator ${operator}${nodeName}, which opset ${opset} no longer has (deprecated).`,
      `Export the model with the operator that replaces ${operator}, or with an older opset.`,
      { operator, opset: Number(opset) },
    );
  }
  const noKernel = /Could not find an implementation for (\w+)\((\d+)\) node with name '([^']*)'/.exec(text);
  if (noKernel) {
    const [, operator, version, name] = noKernel;
    return error(
      `${fileName} uses the operator ${operator} (version ${version})${name ? ` (node ${name})` : ''}, which ONNX Runtime's CPU provider does not implement (for this version or these element types).`,
      `Export the model with a newer opset, or with float32 where this ${operator} takes another element type.`,
      { operator, version: Number(version) },
    );
  }
  const tooNew = /Opset (\d+) is under development.*support for domain (\S+) is till opset (\d+)/.exec(text);
  if (tooNew) {
    const [, opset, domain, supported] = tooNew;
    return error(
      `${fileName} imports ${domain} opset ${opset}; this ONNX Runtime supports up to opset ${supported}.`,
      `Export the model with opset ${supported} or lower, or use a newer ONNX Runtime.`,
      { opset: Number(opset), supported: Number(supported) },
    );
  }
  const arity =
    /Node\(([^)]*)\) with schema\([\w.]*::(\w+):(\d+)\) has (input|output) size (\d+) not in range \[min=(\d+), max=(\d+)\]/.exec(
      text,
    );
  if (arity) {
    const [, name, operator, version, kind, given, min, max] = arity;
    const takes = min === max ? min : max === '2147483647' ? `${min} or more` : `${min} to ${max}`;
    return error(
      `${fileName} has a node${name ? ` ${name}` : ''} (${operator}-${version}) with ${given} ${kind}${given === '1' ? '' : 's'}, but the operator takes ${takes}.`,
      "The node does not fit its operator's schema; `mlw model check` lists every such node. Export the model again.",
      { operator, kind, given: Number(given) },
    );
  }
  if (/OrtValue indexes should have been populated/.test(text)) {
    return error(
      `${fileName} has an empty graph: no nodes and no outputs, so there is nothing to run.`,
      'The export lost the model; export it again.',
    );
  }
  const locale = /Failed to construct locale with name:([^:]+):/.exec(text);
  if (locale) {
    const [, name] = locale;
    return error(
      `${fileName} has a StringNormalizer node that changes case in the locale ${name}, which this machine does not have installed.`,
      `Install the locale (on Debian or Ubuntu: add it to /etc/locale.gen and run locale-gen), or set the node's locale attribute to C.UTF-8 if language-specific case rules are not needed.`,
      { locale: name },
    );
  }
  if (/ParseStringWithClassicLocale/.test(text)) {
    return error(
      `${fileName} stores a number ONNX Runtime cannot read where it expects a size or count (an external-data offset or length that is negative or not a number, most often).`,
      '`mlw model check` names the tensor; save the model again with its external data.',
    );
  }
  return error(
    `${fileName} is not a model ONNX Runtime can load: ${cleanRuntimeMessage(text)}`,
    GENERIC_HINT,
  );
}
