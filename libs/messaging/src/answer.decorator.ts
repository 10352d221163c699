import { Controller, UseFilters, UseInterceptors, applyDecorators } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DATA_CONTRACT, MessageContextInterceptor } from './message-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';

/**
 * A service's NATS controller: each message gets its own context scope, is counted and timed in `/metrics`, and
 * every failure leaves as `{ code, message, details }`.
 */
export const MessageController = () =>
  applyDecorators(Controller(), UseInterceptors(MessageContextInterceptor), UseFilters(RpcErrorFilter));

/** Marks a handler as the answer to a request subject (queue group = the subject's service). */
export const Answer = (subject: string) => MessagePattern(subject);

/**
 * The envelope's `data`, validated against its contract class by the message pipeline (`answerMessage`) before
 * the handler runs: NATS is a trust boundary.
 */
export const Data =
  <T extends object>(cls: new () => T): ParameterDecorator =>
  (target, key, index) => {
    if (key === undefined) throw new Error('@Data() marks a message handler’s parameter.');
    const handler = (target as Record<string | symbol, unknown>)[key] as object;
    Reflect.defineMetadata(DATA_CONTRACT, cls, handler);
    Payload('data')(target, key, index);
  };

/** The envelope's `ctx`. */
export const Ctx = () => Payload('ctx');
