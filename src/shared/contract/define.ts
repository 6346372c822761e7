import type { z } from 'zod';

export interface ProcedureDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'procedure';
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

export interface StreamDefinition<P extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly payload: P;
  readonly summary: string;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  summary: string;
}): ProcedureDefinition<I, O> {
  return { kind: 'procedure', ...spec };
}

export function stream<P extends z.ZodType>(spec: { payload: P; summary: string }): StreamDefinition<P> {
  return { kind: 'stream', ...spec };
}

export type ProcedureInput<D> = D extends ProcedureDefinition<infer I, z.ZodType> ? z.input<I> : never;
export type ProcedureOutput<D> = D extends ProcedureDefinition<z.ZodType, infer O> ? z.output<O> : never;
export type StreamPayload<D> = D extends StreamDefinition<infer P> ? z.output<P> : never;
