import { useComputedColorScheme, useMantineTheme } from '@mantine/core';

/** Concrete colours for SVG charts in the current theme (SVG attributes cannot read CSS variables). */
export interface ChartPalette {
  bar: string;
  barMuted: string;
  axis: string;
  grid: string;
  cursor: string;
  text: string;
  /** The pane behind the chart, used to draw gaps between touching bars. */
  background: string;
  /** Distinct colours for a chart's series (thread counts, versions), in order. */
  series: string[];
}

export function useChartPalette(): ChartPalette {
  const theme = useMantineTheme();
  const dark = useComputedColorScheme('light') === 'dark';
  const accent = theme.colors.accent ?? theme.colors.blue;
  const gray = theme.colors.gray;
  const darks = theme.colors.dark;
  return {
    bar: (dark ? accent?.[4] : accent?.[6]) ?? '#2471ef',
    barMuted: (dark ? darks?.[2] : gray?.[5]) ?? '#888',
    // Axis text needs about 4.5:1 against the body in both themes.
    axis: (dark ? darks?.[1] : gray?.[7]) ?? '#666',
    grid: (dark ? darks?.[4] : gray?.[2]) ?? '#ddd',
    cursor: dark ? 'rgba(255, 255, 255, 0.07)' : 'rgba(0, 0, 0, 0.05)',
    text: (dark ? darks?.[0] : gray?.[9]) ?? '#222',
    background: dark ? (darks?.[7] ?? '#1f1f1f') : '#fff',
    series: ['accent', 'orange', 'teal', 'grape', 'yellow', 'cyan', 'pink', 'lime'].map(
      (name) => theme.colors[name]?.[dark ? 4 : 7] ?? '#888',
    ),
  };
}
