import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** A chart at the width of its pane and a fixed height; the test id marks it for the e2e tests. */
export function ChartFrame({
  height,
  testId,
  children,
  ...data
}: {
  height: number;
  testId: string;
  children: ReactElement;
} & Record<`data-${string}`, string | number>) {
  return (
    <div data-testid={testId} style={{ width: '100%', height, minWidth: 0 }} {...data}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 400, height }}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}
