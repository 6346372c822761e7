import type { z } from 'zod';
import { WorkbenchError } from '../../../../shared/contract/errors.js';

/** `spec.template.spec.containers[0].ports[0].containerPort`: how kubectl names a field. */
export function fieldPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** A JSON pointer from ajv (`/spec/replicas`) as a field path. */
export function pointerPath(pointer: string): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return fieldPath(segments);
}

export function invalidSettings(error: z.ZodError): WorkbenchError {
  const issue = error.issues[0];
  const path = fieldPath(issue?.path ?? []);
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `The serving settings are not valid: ${path ? `${path}: ` : ''}${issue?.message ?? 'unknown problem'}.`,
    hint: 'Correct this setting and export again.',
    details: {
      path,
      problems: error.issues.map((each) => ({ path: fieldPath(each.path), message: each.message })),
    },
  });
}

/** What the generated object got wrong, found by a schema: a bug here or a setting passed through. */
export function invalidGenerated(
  what: string,
  problems: readonly { path: string; message: string }[],
): WorkbenchError {
  const first = problems[0];
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `The generated ${what} is not valid: ${first ? `${first.path || '(the object)'} ${first.message}` : 'unknown problem'}.`,
    hint: 'The field named comes from the serving settings: correct the setting behind it and export again.',
    details: { path: first?.path ?? '', problems },
  });
}
