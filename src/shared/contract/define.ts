import type { z } from 'zod';

export interface ChannelDef<Name extends string, In extends z.ZodType, Out extends z.ZodType> {
  readonly name: Name;
  readonly input: In;
  readonly output: Out;
}

export interface EventDef<Name extends string, Payload extends z.ZodType> {
  readonly name: Name;
  readonly payload: Payload;
}

export function channel<Name extends string, In extends z.ZodType, Out extends z.ZodType>(
  name: Name,
  input: In,
  output: Out,
): ChannelDef<Name, In, Out> {
  return { name, input, output };
}

export function event<Name extends string, Payload extends z.ZodType>(
  name: Name,
  payload: Payload,
): EventDef<Name, Payload> {
  return { name, payload };
}
