import type { ComponentType } from 'react';

/**
 * The "Table" tab's content: the virtualized grid another feature folder provides as
 * `../table/DatasetTable.tsx` exporting `DatasetTable({ slug })`. Vite's glob finds it at build time
 * when it exists and yields nothing when it does not, so this view builds either way.
 */
const modules = import.meta.glob<{ DatasetTable?: ComponentType<{ slug: string }> }>(
  '../table/DatasetTable.tsx',
  {
    eager: true,
  },
);

export const DatasetTable: ComponentType<{ slug: string }> | undefined =
  Object.values(modules)[0]?.DatasetTable;
