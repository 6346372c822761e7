import type {
  Contract,
  ProcedureInput,
  ProcedureName,
  ProcedureOutput,
} from '../../shared/contract/index.js';
import { unwrapEnvelope } from '../../shared/contract/envelope.js';
import type { Job } from '../../shared/contract/jobs.js';
import { cliCaller } from '../rpc/callers.js';
import type { Workbench } from '../rpc/workbench.js';
import type { Output } from './output.js';
import { followJob } from './progress.js';

/** What a command gets: the contract (validated exactly as a window's calls are) and the output. */
export interface CliSession {
  call: <N extends ProcedureName>(
    name: N,
    input: ProcedureInput<Contract[N]>,
  ) => Promise<ProcedureOutput<Contract[N]>>;
  follow: (job: Job) => Promise<Job>;
  output: Output;
  workbench: Workbench;
}

export function createCliSession(workbench: Workbench, output: Output): CliSession {
  const caller = cliCaller(workbench.uploads);
  return {
    call: async (name, input) =>
      unwrapEnvelope(await workbench.router.invoke(name, input, caller)) as ProcedureOutput<
        Contract[typeof name]
      >,
    follow: (job) => followJob(workbench.jobs, job, { showBar: output.io.interactive && !output.json }),
    output,
    workbench,
  };
}
