import { join } from 'node:path';
import { z } from 'zod';
import type { DatasetManifest } from '../../../../shared/contract/datasets.js';
import { profileSchema, type Profile } from '../../../../shared/contract/profile.js';
import { sqlString, type DuckDb } from '../../duckdb/index.js';
import type { Workspace } from '../../workspace/index.js';
import { profileRelation } from './buildProfile.js';

/**
 * The stored profile of a data set. A profile from an older version (schema v1: approximate, no
 * histograms or alerts) is re-computed from the data set's Parquet file on first read and saved,
 * so every reader sees v2 and the user never has to re-import.
 */
export async function readStoredProfile(
  workspace: Workspace,
  duckdb: DuckDb,
  manifest: DatasetManifest,
): Promise<Profile> {
  const relative = join('datasets', manifest.slug, 'profile.json');
  const raw = await workspace.readJson(relative, z.looseObject({ schemaVersion: z.number() }));
  if (raw.schemaVersion === 2) return withSizes(profileSchema.parse(raw), manifest);
  const parquet = workspace.resolve(join('datasets', manifest.slug, manifest.data.file));
  const profile = await profileRelation(duckdb, `read_parquet(${sqlString(parquet)})`);
  const sized = withSizes(profile, manifest);
  await workspace.writeJson(relative, sized);
  return sized;
}

/** Sizes on disk come from the manifest: the import profiles the Parquet file before it is final. */
function withSizes(profile: Profile, manifest: DatasetManifest): Profile {
  return {
    ...profile,
    overview: {
      ...profile.overview,
      sourceSizeBytes: profile.overview.sourceSizeBytes ?? manifest.source.sizeBytes,
      parquetSizeBytes: profile.overview.parquetSizeBytes ?? manifest.data.sizeBytes,
    },
  };
}
