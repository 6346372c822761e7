export { checkParity } from './parity.js';
