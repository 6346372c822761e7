/** Durations of a request's steps, for its Server-Timing header (what the browser's dev tools show). */
export class Timing {
  private readonly started = performance.now();
  private readonly steps = new Map<string, number>();

  async measure<T>(step: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.steps.set(step, (this.steps.get(step) ?? 0) + performance.now() - started);
    }
  }

  /** The same for work that does not wait. */
  time<T>(step: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.steps.set(step, (this.steps.get(step) ?? 0) + performance.now() - started);
    }
  }

  /** Milliseconds since the request arrived. */
  elapsed(): number {
    return performance.now() - this.started;
  }

  header(): string {
    const entry = (step: string, ms: number) => `${step};dur=${ms.toFixed(2)}`;
    return [...[...this.steps].map(([step, ms]) => entry(step, ms)), entry('total', this.elapsed())].join(
      ', ',
    );
  }
}
