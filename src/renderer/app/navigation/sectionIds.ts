/** The sidebar's sections in order; kept free of UI imports so the e2e page objects share it. */
export const sectionIds = [
  'data',
  'notebooks',
  'models',
  'conversion',
  'drift',
  'containers',
  'jobs',
] as const;
export type SectionId = (typeof sectionIds)[number];
