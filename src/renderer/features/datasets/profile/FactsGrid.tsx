import type { ReactNode } from 'react';
import classes from './FactsGrid.module.css';

export interface Fact {
  label: string;
  value: ReactNode;
  /** A share or a unit note shown dimmed in its own aligned slot. */
  share?: ReactNode;
  title?: string;
  testId?: string;
}

/** A dense grid of label/figure pairs, like a property sheet. */
export function FactsGrid({ facts, testId }: { facts: Fact[]; testId?: string }) {
  const withShares = facts.some((fact) => fact.share !== undefined);
  return (
    <div className={classes.grid} data-testid={testId}>
      {facts.map((fact) => (
        <div key={fact.label} className={classes.fact} title={fact.title}>
          <span className={classes.label}>{fact.label}</span>
          <span className={classes.value} data-testid={fact.testId}>
            {fact.value}
          </span>
          {withShares && <span className={classes.share}>{fact.share}</span>}
        </div>
      ))}
    </div>
  );
}
