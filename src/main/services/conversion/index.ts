export * from './python/index.js';
export { checkParity } from './proof/index.js';
export {
  createConversionService,
  type ConversionService,
  type ConversionServiceDeps,
  type ResolvedConversion,
} from './service/conversionService.js';
