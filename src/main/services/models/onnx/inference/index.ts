export { inferShapes, type ShapeInference, type ValueType } from './inferShapes.js';
