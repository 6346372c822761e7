export { createNotebookService } from './notebookService.js';
export type { NotebookService, NotebookServiceDeps } from './notebookService.js';
export { ipynbSchema, toIpynb, fromIpynb } from './ipynb.js';
export { createSqlSessions, type SqlSessions } from './sqlSessions.js';
