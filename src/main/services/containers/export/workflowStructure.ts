import { parse } from 'yaml';
import { z } from 'zod';
import { fieldPath, invalidGenerated } from './exportErrors.js';

const expressionOrText = z.union([z.string(), z.number(), z.boolean()]);

const stepSchema = z
  .strictObject({
    name: z.string().min(1),
    if: z.string().optional(),
    uses: z
      .string()
      .regex(/^[\w.-]+\/[\w./-]+@[\w.-]+$/, 'must name an action as owner/repo@ref')
      .optional(),
    with: z.record(z.string(), expressionOrText).optional(),
    run: z.string().min(1).optional(),
    env: z.record(z.string(), expressionOrText).optional(),
  })
  .refine((step) => (step.uses === undefined) !== (step.run === undefined), {
    message: 'must have either uses or run',
  });

const pathsFilter = z.strictObject({ paths: z.array(z.string().min(1)).min(1) });

/** The part of GitHub's workflow syntax this exporter writes; anything else is refused. */
export const workflowSchema = z.strictObject({
  name: z.string().min(1),
  on: z.strictObject({
    push: pathsFilter,
    pull_request: pathsFilter,
    workflow_dispatch: z.strictObject({}),
  }),
  permissions: z.record(z.string(), z.enum(['read', 'write', 'none'])),
  concurrency: z.strictObject({ group: z.string().min(1), 'cancel-in-progress': z.boolean() }),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()),
  jobs: z.record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must be a job id: letters, digits, _ and -'),
    z.strictObject({
      name: z.string().min(1),
      'runs-on': z.string().min(1),
      'timeout-minutes': z.number().int().min(1).max(360),
      permissions: z.record(z.string(), z.enum(['read', 'write', 'none'])),
      steps: z.array(stepSchema).min(1),
    }),
  ),
});

const SECRET_REFERENCE = /^\$\{\{ (?:secrets\.[A-Za-z_][A-Za-z0-9_]*|github\.actor) \}\}$/;

/**
 * Reads the workflow back as GitHub would and checks what it must do: the structure above, a
 * build, a /ready wait and a /predict before anything is pushed, registry credentials only from
 * expressions (never literal), and login and push only behind the default-branch guard.
 */
export function checkWorkflow(content: string, expected: { pushGuard: string }): void {
  const problems: { path: string; message: string }[] = [];
  const parsed = workflowSchema.safeParse(parse(content));
  if (!parsed.success) {
    throw invalidGenerated(
      'workflow',
      parsed.error.issues.map((issue) => ({ path: fieldPath(issue.path), message: issue.message })),
    );
  }
  for (const [id, job] of Object.entries(parsed.data.jobs)) {
    const at = (index: number, field: string): string => `jobs.${id}.steps[${index}]${field}`;
    const find = (pattern: RegExp): number => job.steps.findIndex((step) => pattern.test(step.run ?? ''));
    const order = [
      find(/\bdocker build\b/),
      find(/\/ready\b/),
      find(/\/predict\b/),
      find(/\bdocker login\b/),
      find(/\bdocker push\b/),
    ];
    if (order.some((index) => index < 0) || order.some((index, i) => i > 0 && index < (order[i - 1] ?? 0))) {
      problems.push({
        path: `jobs.${id}.steps`,
        message: 'must build, wait for /ready, send /predict, log in and push, in that order',
      });
    }
    job.steps.forEach((step, index) => {
      if (/\bdocker (login|push)\b/.test(step.run ?? '') && step.if !== expected.pushGuard) {
        problems.push({ path: at(index, '.if'), message: 'must run only on a push to the default branch' });
      }
      if (/\bdocker login\b/.test(step.run ?? '')) {
        if (/--password(?!-stdin)|\s-p\s/.test(step.run ?? '')) {
          problems.push({ path: at(index, '.run'), message: 'must read the password from stdin' });
        }
        for (const [name, value] of Object.entries(step.env ?? {})) {
          if (!SECRET_REFERENCE.test(String(value))) {
            problems.push({
              path: at(index, `.env.${name}`),
              message: 'must come from a secret, never a literal',
            });
          }
        }
      }
    });
  }
  if (problems.length > 0) throw invalidGenerated('workflow', problems);
}
