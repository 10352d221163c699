import { Controller, UseFilters, UseInterceptors, applyDecorators } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DATA_CONTRACT, MessageContextInterceptor } from './message-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';

/** Where `@Answer` records a handler's subject, for Hearth's own dispatch (`answerRoutes`, ADR 0092). */
export const ANSWER_SUBJECT = 'hearth:answer-subject';
/** Where `@Ctx()` and `@Data()` record which argument of a handler is which. */
export const ARGUMENT_LAYOUT = 'hearth:argument-layout';

/** What a handler's argument at each position is given: the verified context, or the validated data. */
export type ArgumentKind = 'ctx' | 'data';

/**
 * A service's NATS controller: each message gets its own context scope, is counted and timed in `/metrics`, and
 * every failure leaves as `{ code, message, details }`.
 */
export const MessageController = () =>
  applyDecorators(Controller(), UseInterceptors(MessageContextInterceptor), UseFilters(RpcErrorFilter));

/**
 * Marks a handler as the answer to a request subject (queue group = the subject's service). Hearth's transports
 * call it directly, through the one message pipeline (ADR 0092); Nest's pattern stays for anything outside them.
 */
export const Answer = (subject: string): MethodDecorator =>
  applyDecorators(MessagePattern(subject), (_target, _key, descriptor) => {
    Reflect.defineMetadata(ANSWER_SUBJECT, subject, descriptor.value as object);
  });

function recordArgument(target: object, key: string | symbol | undefined, index: number, kind: ArgumentKind) {
  if (key === undefined) throw new Error('@Ctx() and @Data() mark a message handler’s parameters.');
  const handler = (target as Record<string | symbol, unknown>)[key] as object;
  const layout = [...((Reflect.getMetadata(ARGUMENT_LAYOUT, handler) as ArgumentKind[] | undefined) ?? [])];
  layout[index] = kind;
  Reflect.defineMetadata(ARGUMENT_LAYOUT, layout, handler);
  return handler;
}

/**
 * The envelope's `data`, validated against its contract class by the message pipeline (`answerMessage`) before
 * the handler runs: NATS is a trust boundary.
 */
export const Data =
  <T extends object>(cls: new () => T): ParameterDecorator =>
  (target, key, index) => {
    const handler = recordArgument(target, key, index, 'data');
    Reflect.defineMetadata(DATA_CONTRACT, cls, handler);
    Payload('data')(target, key, index);
  };

/** The envelope's `ctx`: the context the pipeline verified. */
export const Ctx = (): ParameterDecorator => (target, key, index) => {
  recordArgument(target, key, index, 'ctx');
  Payload('ctx')(target, key, index);
};
