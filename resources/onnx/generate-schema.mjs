// Turns the vendored onnx.proto into the protobufjs JSON descriptor that the ONNX reader imports
// (src/main/services/models/onnx/schema/onnxProto.generated.ts). Bundling the descriptor as code means
// no .proto file has to be found beside the app at run time, in any host or bundle, and the reader
// needs only protobufjs/light. Run it after replacing onnx.proto:
//   node resources/onnx/generate-schema.mjs
// onnxSchema.test.ts fails while the two disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import protobuf from 'protobufjs';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '../../src/main/services/models/onnx/schema/onnxProto.generated.ts');
// Field names stay as ONNX spells them (raw_data, not rawData), so the code reads like the spec.
const { root } = protobuf.parse(readFileSync(join(here, 'onnx.proto'), 'utf8'), { keepCase: true });
const source = `// Generated from resources/onnx/onnx.proto (ONNX 1.21.0, SPDX-License-Identifier: Apache-2.0) by
// resources/onnx/generate-schema.mjs. Do not edit: replace the .proto and run the script.
import type { INamespace } from 'protobufjs';

// protobufjs's INamespace type lacks the \`edition\` key its own toJSON() writes, hence the assertion.
export const onnxProtoDescriptor = ${JSON.stringify(root.toJSON())} as INamespace;
`;
const options = await prettier.resolveConfig(target);
writeFileSync(target, await prettier.format(source, { ...options, filepath: target }));
console.log(`wrote ${target}`);
