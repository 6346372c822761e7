import { describe, expect, it } from 'vitest';
import type { DiffResult } from '../../../../shared/contract/modelLab.js';
import { toleranceOf, verdictOf } from './verdict.js';

type Output = DiffResult['agreement']['outputs'][number];
const output = (over: Partial<Output>): Output => ({
  name: 'scores',
  maxAbsError: 0,
  maxRelError: 0,
  nanMismatches: 0,
  classifier: null,
  labelAgreement: null,
  ...over,
});
const agreement = (outputs: Output[]): DiffResult['agreement'] => ({ samples: 16, compared: true, outputs });

describe('the comparison verdict', () => {
  it('says identical, within a tolerance, or how far apart', () => {
    expect(verdictOf(agreement([output({})]), 1)).toEqual({
      tone: 'same',
      text: 'Outputs are identical on 16 samples',
    });
    expect(verdictOf(agreement([output({ maxAbsError: 3.2e-7 })]), 1)).toEqual({
      tone: 'close',
      text: 'Outputs agree within 1e-6 on 16 samples',
    });
    expect(
      verdictOf(agreement([output({ maxAbsError: 1e-9 }), output({ name: 'p', maxAbsError: 0.42 })]), 1),
    ).toEqual({
      tone: 'differ',
      text: 'Outputs differ: max abs error 0.420 (p) on 16 samples',
    });
  });

  it('counts differing labels over samples × batch, before any error size', () => {
    const scores = output({ maxAbsError: 0.5, classifier: 'scores', labelAgreement: 13 / 16 });
    expect(verdictOf(agreement([scores]), 1).text).toBe('Labels differ on 3 of 16 items (16 samples)');
    expect(verdictOf(agreement([{ ...scores, labelAgreement: 60 / 64 }]), 4).text).toBe(
      'Labels differ on 4 of 64 items (16 samples)',
    );
    expect(verdictOf(agreement([{ ...scores, labelAgreement: 1 }]), 1).text).toBe(
      'Outputs differ: max abs error 0.500 (scores) on 16 samples; every label the same',
    );
  });

  it('puts NaN mismatches first among numbers, and gives the reason when nothing was compared', () => {
    expect(verdictOf(agreement([output({ nanMismatches: 2, maxAbsError: 0 })]), 1)).toEqual({
      tone: 'differ',
      text: '2 values NaN in one model only (16 samples)',
    });
    expect(
      verdictOf({ samples: 0, compared: false, reason: 'The models take different inputs.', outputs: [] }, 1),
    ).toEqual({ tone: 'unknown', text: 'Outputs not compared: The models take different inputs.' });
    expect(toleranceOf(1e-6)).toBe('1e-6');
    expect(toleranceOf(2e-6)).toBe('1e-5');
  });
});
