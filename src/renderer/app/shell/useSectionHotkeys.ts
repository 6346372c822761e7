import { useHotkeys } from '@mantine/hooks';
import { navigate } from '../navigation/route.js';
import { sections } from '../navigation/sections.js';

/** Ctrl/Cmd+1..7 switch sections, also while typing in a search box. */
export function useSectionHotkeys(): void {
  useHotkeys(
    sections.map(({ id, digit }) => [
      `mod+${digit}`,
      () => navigate({ section: id }),
      { preventDefault: true },
    ]),
    [],
  );
}
