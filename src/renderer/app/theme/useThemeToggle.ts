import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';

/** Flips between light and dark from whatever is shown now (including the OS default). */
export function useThemeToggle(): { scheme: 'light' | 'dark'; toggle: () => void } {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  return { scheme, toggle: () => setColorScheme(scheme === 'dark' ? 'light' : 'dark') };
}
