import {
  IconArrowsExchange,
  IconBrandDocker,
  IconChartHistogram,
  IconCube,
  IconDatabase,
  IconListCheck,
  IconNotebook,
  type Icon,
} from '@tabler/icons-react';

import { sectionIds, type SectionId } from './sectionIds.js';

export { sectionIds, type SectionId };

export interface Section {
  id: SectionId;
  label: string;
  icon: Icon;
  /** The digit of its Ctrl/Cmd shortcut, in sidebar order. */
  digit: number;
}

const labels: Record<SectionId, string> = {
  data: 'Data',
  notebooks: 'Notebooks',
  models: 'Models',
  conversion: 'Conversion',
  drift: 'Drift',
  containers: 'Containers',
  jobs: 'Jobs',
};

const icons: Record<SectionId, Icon> = {
  data: IconDatabase,
  notebooks: IconNotebook,
  models: IconCube,
  conversion: IconArrowsExchange,
  drift: IconChartHistogram,
  containers: IconBrandDocker,
  jobs: IconListCheck,
};

export const sections: readonly Section[] = sectionIds.map((id, i) => ({
  id,
  label: labels[id],
  icon: icons[id],
  digit: i + 1,
}));

export function isSectionId(value: string): value is SectionId {
  return (sectionIds as readonly string[]).includes(value);
}
