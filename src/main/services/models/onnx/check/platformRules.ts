import { subgraphsOf } from '../graphWalk.js';
import type { OnnxGraph, OnnxModel } from '../model.js';
import { nodeLabel, type Finding } from './findings.js';

/** Locales every C library has; any other must be installed on the machine that runs the model. */
const alwaysThere = new Set(['C', 'C.UTF-8', 'C.utf8', 'POSIX']);
/** What ONNX Runtime uses on Linux and macOS when the node names no locale. */
const defaultLocale = 'en_US.UTF-8';

/**
 * What loads only on some machines. StringNormalizer that changes case builds a C++ locale when the
 * session is created; where that locale is not installed ONNX Runtime refuses the model ("Failed to
 * construct locale with name"). Which locales exist depends on the machine, so this is a warning.
 */
export function checkPlatform(model: OnnxModel): Finding[] {
  const findings: Finding[] = [];
  const visit = (graph: OnnxGraph, scope: string) => {
    graph.nodes.forEach((node, index) => {
      const label = nodeLabel(node, index, scope);
      if (node.opType === 'StringNormalizer' && (node.domain === '' || node.domain === 'ai.onnx')) {
        const text = (name: string) => {
          const attribute = node.attributes.find((a) => a.name === name);
          return attribute?.type === 'STRING' ? attribute.value : undefined;
        };
        const action = text('case_change_action') ?? 'NONE';
        const locale = text('locale') ?? defaultLocale;
        if (action !== 'NONE' && !alwaysThere.has(locale)) {
          findings.push({
            severity: 'warning',
            code: 'LOCALE_REQUIRED',
            node: label,
            value: locale,
            message: `Node '${label}' (StringNormalizer) changes case (${action}) in the locale '${locale}'${text('locale') === undefined ? ', ONNX Runtime’s default' : ''}. ONNX Runtime refuses to load the model on a machine without that locale installed (on Linux, \`locale -a\` lists them; install it with locale-gen or a language pack). Set locale to one every machine has (C.UTF-8) if case rules of a language are not needed.`,
          });
        }
      }
      for (const { attribute, graph: subgraph } of subgraphsOf(node))
        visit(subgraph, `${label}/${attribute}/`);
    });
  };
  visit(model.graph, '');
  return findings;
}
