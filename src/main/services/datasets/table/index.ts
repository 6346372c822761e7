export { createTableQueries } from './tableQueries.js';
export type { TableQueries, TableQueriesDeps, TableQueryInput } from './tableQueries.js';
