import {
  isWorkbenchError,
  workbenchErrorSchema,
  type WorkbenchErrorShape,
} from '../../shared/contract/index.js';

/** Any thrown value (or an error shape a status carries) as the UI shows it: what happened, what to do. */
export function describeError(error: unknown): WorkbenchErrorShape {
  if (isWorkbenchError(error)) return error.toShape();
  const shape = workbenchErrorSchema.safeParse(error);
  if (shape.success) return shape.data;
  return {
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
    hint: 'This is a bug in the workbench window; reloading it may help.',
  };
}
