import { useComputedColorScheme } from '@mantine/core';
import { useMemo } from 'react';

/** Concrete colours for the canvas (it cannot read CSS variables), per operator family, per theme. */
export interface GraphPalette {
  background: string;
  edge: string;
  edgeLabel: string;
  text: string;
  border: string;
  accent: string;
  match: string;
  /** An edge label showing an observed shape. */
  observed: string;
  /** An edge whose observed shape disagrees with the inferred one. */
  mismatch: string;
  fill: Record<Family, string>;
}

export type Family = 'layer' | 'activation' | 'norm' | 'shape' | 'control' | 'io' | 'other';

const FAMILIES: [Family, RegExp][] = [
  [
    'layer',
    /^(Conv|ConvTranspose|ConvInteger|QLinearConv|Gemm|MatMul|MatMulInteger|QLinearMatMul|LSTM|GRU|RNN|Attention|Einsum)$/,
  ],
  [
    'activation',
    /^(Relu|LeakyRelu|PRelu|Sigmoid|HardSigmoid|Tanh|Softmax|LogSoftmax|Softplus|Softsign|Elu|Selu|Celu|Gelu|HardSwish|Mish|Clip|ThresholdedRelu)$/,
  ],
  ['norm', /(Pool|Normalization|^LRN$|^Dropout$|^LpNormalization$)/],
  [
    'shape',
    /^(Reshape|Transpose|Concat|Split|Slice|Gather|GatherElements|GatherND|Squeeze|Unsqueeze|Flatten|Shape|Size|Expand|Tile|Pad|Cast|Identity|Constant|ConstantOfShape|Resize|DepthToSpace|SpaceToDepth)$/,
  ],
  ['control', /^(If|Loop|Scan)$/],
];

export function familyOf(opType: string, kind: 'op' | 'input' | 'output'): Family {
  if (kind !== 'op') return 'io';
  for (const [family, pattern] of FAMILIES) if (pattern.test(opType)) return family;
  return 'other';
}

export function useGraphPalette(): GraphPalette {
  const dark = useComputedColorScheme('light') === 'dark';
  return useMemo(
    () =>
      dark
        ? {
            background: '#1f1f23',
            edge: '#6b6f78',
            edgeLabel: '#b4b8c0',
            text: '#e9ecef',
            border: '#4a4d55',
            accent: '#6aa0f5',
            match: '#f0a33a',
            observed: '#3bc9db',
            mismatch: '#ff6b6b',
            fill: {
              layer: '#1f3a60',
              activation: '#532a2e',
              norm: '#23452e',
              shape: '#3a2f52',
              control: '#4e4320',
              io: '#2b2d33',
              other: '#33363d',
            },
          }
        : {
            background: '#ffffff',
            edge: '#8a9099',
            edgeLabel: '#4a4f57',
            text: '#1a1b1e',
            border: '#b9bec6',
            accent: '#1268ef',
            match: '#d9820b',
            observed: '#0b7285',
            mismatch: '#d6336c',
            fill: {
              layer: '#d6e5fb',
              activation: '#f8d9d9',
              norm: '#d8eed9',
              shape: '#e8e1f4',
              control: '#f5ebc9',
              io: '#ffffff',
              other: '#eceef1',
            },
          },
    [dark],
  );
}
