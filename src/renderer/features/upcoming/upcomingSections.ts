import type { SectionId } from '../../app/navigation/sections.js';

export type UpcomingSectionId = Exclude<
  SectionId,
  'data' | 'jobs' | 'notebooks' | 'models' | 'containers' | 'drift'
>;

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
};
