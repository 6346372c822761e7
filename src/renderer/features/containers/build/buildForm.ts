import { imageReferenceSchema } from '../../../../shared/contract/containerBuilds.js';
import type { RegistryModel } from '../../../../shared/contract/modelRegistry.js';

/** The base a local one is made as, the same tag `mlw container base` uses. */
export const LOCAL_BASE_TAG = 'mlw-local/node:22';

/** Why an image reference field cannot be sent as it is, or undefined when it can. */
export function imageReferenceProblem(text: string): string | undefined {
  if (text.trim() === '') return 'Required';
  const parsed = imageReferenceSchema.safeParse(text);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

/** The model and version the dialog starts on: the one asked for if it is registered, else the newest model's latest. */
export function initialChoice(
  models: readonly RegistryModel[],
  asked: { name: string; version: number } | undefined,
): { name: string; version: number } | undefined {
  const wanted = asked && models.find((m) => m.name === asked.name);
  if (wanted && wanted.versions.some((v) => v.version === asked.version)) return asked;
  if (wanted) return { name: wanted.name, version: wanted.latest };
  const newest = [...models].sort((a, b) =>
    (b.versions.at(-1)?.provenance.addedAt ?? '').localeCompare(a.versions.at(-1)?.provenance.addedAt ?? ''),
  )[0];
  return newest ? { name: newest.name, version: newest.latest } : undefined;
}
