export * from './python/index.js';
export { checkParity } from './proof/parity.js';
