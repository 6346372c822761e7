import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A blue a little calmer than Mantine's default, close to what editors use for focus and selection. */
const accent: MantineColorsTuple = [
  '#e7f2ff',
  '#cfe2ff',
  '#9fc2fa',
  '#6aa0f5',
  '#3f83f1',
  '#2471ef',
  '#1268ef',
  '#0058d6',
  '#004ec0',
  '#0043aa',
];

const monospace = 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace';

/** Dense, calm defaults: small controls, small radius, system fonts only (nothing is fetched). */
export const theme = createTheme({
  primaryColor: 'accent',
  colors: { accent },
  primaryShade: { light: 6, dark: 5 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: monospace,
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
  headings: {
    sizes: { h1: { fontSize: '1.25rem' }, h2: { fontSize: '1.1rem' }, h3: { fontSize: '0.95rem' } },
  },
  components: {
    Button: { defaultProps: { size: 'xs' } },
    ActionIcon: { defaultProps: { variant: 'subtle', color: 'gray' } },
    TextInput: { defaultProps: { size: 'xs' } },
    Badge: { defaultProps: { radius: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true, fz: 'xs' } },
    Table: { defaultProps: { fz: 'xs', verticalSpacing: 4, horizontalSpacing: 'xs', tabularNums: true } },
  },
});

/** The key under which the chosen color scheme is kept; 'auto' (no choice yet) follows the OS. */
export const COLOR_SCHEME_STORAGE_KEY = 'mlw-color-scheme';
