import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../../../../shared/contract/profile.js';
import { sqlString, type DuckDbSession, type RunOptions } from '../../duckdb/index.js';
import { profileRelation, type ProfileInput } from './buildProfile.js';
import { scaled } from './progress.js';

/**
 * Caps DuckDB's memory while profiling so a 20M-row file spills to the temp directory instead of
 * growing the process past 2 GB (DuckDB's default is 80% of RAM). The setting is instance-wide.
 */
export const PROFILE_MEMORY_LIMIT = '1GB';

/**
 * Profiles any source DuckDB reads (a CSV especially) without importing it: one scan converts it
 * to a Parquet file in scratch, so the profile's passes read compact columns instead of parsing
 * the text again each time; the scratch folder is removed whatever happens.
 */
export async function profileInPlace(
  session: DuckDbSession,
  relationSql: string,
  scratchDir: string,
  input: ProfileInput,
  options: RunOptions = {},
): Promise<Profile> {
  await mkdir(scratchDir, { recursive: true });
  try {
    await session.run(`SET memory_limit = ${sqlString(PROFILE_MEMORY_LIMIT)}`);
    const parquet = join(scratchDir, 'profile.parquet');
    const started = performance.now();
    await session.run(
      `COPY (SELECT * FROM ${relationSql}) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd)`,
      scaled(options, 0, 0.3),
    );
    const convertMs = Math.round(performance.now() - started);
    const profile = await profileRelation(
      session,
      `read_parquet(${sqlString(parquet)})`,
      { ...input, parquetSizeBytes: (await stat(parquet)).size },
      scaled(options, 0.3, 0.7),
    );
    return {
      ...profile,
      passes: [{ name: 'read source → Parquet', ms: convertMs }, ...profile.passes],
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}
