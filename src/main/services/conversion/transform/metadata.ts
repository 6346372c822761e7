import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { ProtoModel } from './proto.js';

export interface MetadataEdit {
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  /** A non-negative integer (ONNX's model_version is int64). */
  modelVersion?: number;
  /** metadata_props to add or overwrite, key to value. */
  set?: Record<string, string>;
  /** metadata_props keys to remove; a key that is not there is ignored. */
  remove?: string[];
}

/** Edits a model's metadata in place; everything else in the file is left as it was. */
export function editMetadata(model: ProtoModel, edit: MetadataEdit): void {
  if (
    edit.modelVersion !== undefined &&
    !(Number.isSafeInteger(edit.modelVersion) && edit.modelVersion >= 0)
  ) {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `The model version must be a whole number of 0 or more, not ${edit.modelVersion}.`,
      hint: 'Give an integer such as 1 or 20261207.',
    });
  }
  const clash = Object.keys(edit.set ?? {}).filter((key) => edit.remove?.includes(key));
  if (clash.length > 0 || Object.keys(edit.set ?? {}).some((key) => key === '')) {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: clash.length
        ? `Metadata key ${clash.join(', ')} is both set and removed.`
        : 'A metadata key may not be empty.',
      hint: 'Set or remove each key once, with a non-empty name.',
    });
  }
  if (edit.producerName !== undefined) model.producer_name = edit.producerName;
  if (edit.producerVersion !== undefined) model.producer_version = edit.producerVersion;
  if (edit.docString !== undefined) model.doc_string = edit.docString;
  if (edit.modelVersion !== undefined) model.model_version = edit.modelVersion;
  const removed = new Set(edit.remove ?? []);
  const props = model.metadata_props.filter((entry) => !removed.has(entry.key ?? ''));
  for (const [key, value] of Object.entries(edit.set ?? {})) {
    const found = props.find((entry) => entry.key === key);
    if (found) found.value = value;
    else props.push({ key, value });
  }
  model.metadata_props = props;
}
