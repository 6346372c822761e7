import { invalidGenerated, pointerPath } from './exportErrors.js';

interface Validatable {
  kind: string;
  metadata?: { name?: string };
  validate(): void;
}

/** What kubernetes-models throws: ajv's ValidationError, whose `errors` say where. */
function schemaErrors(error: unknown): { instancePath: string; message?: string }[] | undefined {
  if (!(error instanceof Error) || !('errors' in error) || !Array.isArray(error.errors)) return undefined;
  return error.errors as { instancePath: string; message?: string }[];
}

/**
 * Checks an object against the Kubernetes OpenAPI schema that kubernetes-models carries: required
 * fields, types, int32 ranges, quantity formats. It does not check what only the API server does
 * (names, label syntax, port ranges, non-negative counts); the settings schema covers those.
 */
export function validateKubernetesObject(object: Validatable): void {
  try {
    object.validate();
  } catch (error) {
    const errors = schemaErrors(error);
    if (!errors) throw error;
    throw invalidGenerated(
      `${object.kind} "${object.metadata?.name ?? ''}"`,
      errors.map((each) => ({
        path: pointerPath(each.instancePath),
        message: each.message ?? 'is not valid',
      })),
    );
  }
}
