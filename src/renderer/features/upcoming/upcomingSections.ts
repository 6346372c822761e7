import type { SectionId } from '../../app/navigation/sections.js';

export type UpcomingSectionId = Exclude<SectionId, 'data' | 'jobs' | 'notebooks' | 'models' | 'containers'>;

export interface UpcomingSection {
  title: string;
  /** What the section will do, in the user's terms. */
  purpose: string;
  plans: string[];
}

export const upcomingSections: Record<UpcomingSectionId, UpcomingSection> = {
  conversion: {
    title: 'Conversion',
    purpose: 'Turn PyTorch and scikit-learn models into ONNX, and check that they still agree.',
    plans: [
      'Convert as a job with a live log, choosing the opset',
      'Capture preprocessing, labels and provenance in the ONNX metadata',
      'Verify the result with a parity run against the original model',
    ],
  },
  drift: {
    title: 'Drift',
    purpose: 'Compare a reference data set with a current one, column by column.',
    plans: [
      'Pick a test per column type (KS, chi-square, Wasserstein, Jensen–Shannon, PSI)',
      'Set thresholds globally or per column, and see which columns drifted',
      'Save each report in the workspace so it can be reopened and compared later',
    ],
  },
};
