import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { ProcedureName } from '../../../shared/contract/index.js';
import type { CallInput, CallOutput } from '../../lib/client.js';
import { useClient } from './clientContext.js';

/** Every cached call is keyed by procedure name and input, so invalidating by name reaches them all. */
export function callKey<N extends ProcedureName>(name: N, input: CallInput<N>): readonly [N, CallInput<N>] {
  return [name, input];
}

type CallQueryOptions<N extends ProcedureName> = Omit<
  UseQueryOptions<CallOutput<N>, Error, CallOutput<N>, readonly [N, CallInput<N>]>,
  'queryKey' | 'queryFn'
>;

/** A contract procedure as a cached query. */
export function useCall<N extends ProcedureName>(
  name: N,
  input: CallInput<N>,
  options?: CallQueryOptions<N>,
) {
  const client = useClient();
  return useQuery({
    queryKey: callKey(name, input),
    queryFn: () => client.call(name, input),
    ...options,
  });
}
