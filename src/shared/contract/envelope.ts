import { z } from 'zod';
import { WorkbenchError, workbenchErrorSchema } from './errors.js';

/** What every transport carries back from an invoke: a value, or a typed error, never a raw stack. */
export const resultEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: workbenchErrorSchema }),
]);
export type ResultEnvelope = z.infer<typeof resultEnvelopeSchema>;

/** Rebuilds the typed error on the receiving side, or returns the value. */
export function unwrapEnvelope(raw: unknown): unknown {
  const parsed = resultEnvelopeSchema.safeParse(raw);
  if (!parsed.success) {
    throw new WorkbenchError({
      code: 'INTERNAL',
      message: 'The workbench answered with a message this window does not understand.',
      hint: 'Reload the window; if it persists, the app and its window are from different versions.',
    });
  }
  if (parsed.data.ok) return parsed.data.value;
  throw new WorkbenchError(parsed.data.error);
}
