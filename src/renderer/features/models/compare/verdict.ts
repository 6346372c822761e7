import type { DiffResult } from '../../../../shared/contract/modelLab.js';

export interface Verdict {
  tone: 'same' | 'close' | 'differ' | 'unknown';
  text: string;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The smallest power of ten at or above an error: 3.2e-7 → 1e-6. */
export function toleranceOf(error: number): string {
  const exponent = Math.max(-12, Math.ceil(Math.log10(error)));
  return `1e${exponent}`;
}

/**
 * One plain line on how far the two models' outputs agree. Labels decide for classifiers; else the
 * largest absolute error: within 1e-3 reads as agreeing (float noise from another graph), above as differing.
 * `batch` is the batch each sample ran at, so a classifier's items are samples × batch.
 */
export function verdictOf(agreement: DiffResult['agreement'], batch: number): Verdict {
  if (!agreement.compared)
    return { tone: 'unknown', text: `Outputs not compared: ${agreement.reason ?? 'no output in common.'}` };
  const samples = plural(agreement.samples, 'sample');
  const items = agreement.samples * batch;
  const labels = agreement.outputs.filter((o) => o.labelAgreement !== null && o.labelAgreement < 1);
  if (labels.length > 0) {
    const worst = Math.min(...labels.map((o) => o.labelAgreement!));
    const differ = Math.max(1, Math.round((1 - worst) * items));
    return { tone: 'differ', text: `Labels differ on ${differ} of ${plural(items, 'item')} (${samples})` };
  }
  const nans = agreement.outputs.reduce((sum, o) => sum + o.nanMismatches, 0);
  if (nans > 0)
    return { tone: 'differ', text: `${plural(nans, 'value')} NaN in one model only (${samples})` };
  const maxAbs = Math.max(0, ...agreement.outputs.map((o) => o.maxAbsError ?? 0));
  const labelsAgree = agreement.outputs.some((o) => o.labelAgreement === 1) ? '; every label the same' : '';
  if (maxAbs === 0) return { tone: 'same', text: `Outputs are identical on ${samples}` };
  if (maxAbs <= 1e-3)
    return { tone: 'close', text: `Outputs agree within ${toleranceOf(maxAbs)} on ${samples}${labelsAgree}` };
  const worst = agreement.outputs.reduce((a, b) => ((b.maxAbsError ?? 0) > (a.maxAbsError ?? 0) ? b : a));
  return {
    tone: 'differ',
    text: `Outputs differ: max abs error ${maxAbs.toPrecision(3)} (${worst.name}) on ${samples}${labelsAgree}`,
  };
}
