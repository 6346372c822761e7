import { z } from 'zod';

/** ONNX Runtime's graph optimization levels, from none to every rewrite. */
export const graphOptimizationLevels = ['disabled', 'basic', 'extended', 'all'] as const;
export const graphOptimizationSchema = z.enum(graphOptimizationLevels);
export type GraphOptimization = z.infer<typeof graphOptimizationSchema>;
