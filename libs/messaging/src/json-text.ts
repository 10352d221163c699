import { headers as natsHeaders, type Msg, type MsgHdrs } from '@nats-io/nats-core';

/**
 * An answer already written as JSON (ADR 0094): a handler returns it when its answer is big and read as JSON at
 * the far end (a report the gateway sends on as its body), so the JSON is written once, where the answer is made.
 * The transports carry the text as it is: in a reply packet around it, or on its own to a caller that asked for
 * the text (`MessageClient.requestJson`). Anything that writes it as a value (Nest's own transports) gets the
 * JSON it holds.
 */
export class JsonText {
  constructor(readonly text: string) {}

  /** `value` written as JSON, once (`null` for what JSON cannot hold, as in an array: never invalid JSON). */
  static of(value: unknown): JsonText {
    return new JsonText((JSON.stringify(value) as string | undefined) ?? 'null');
  }

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** The header of a request that wants its answer as the JSON text alone, and of a reply that is that text. */
export const ANSWER_HEADER = 'Hearth-Answer';
export const AS_JSON_TEXT = 'json-text';

/** The reply headers of an answer sent as its JSON text (the same every time: headers are encoded per message). */
export const JSON_TEXT_REPLY: MsgHdrs = natsHeaders();
JSON_TEXT_REPLY.set(ANSWER_HEADER, AS_JSON_TEXT);

/** A request's headers asking for the answer as JSON text (the trace context's headers when it has them). */
export function askingForJsonText(h: MsgHdrs | undefined): MsgHdrs {
  const asking = h ?? natsHeaders();
  asking.set(ANSWER_HEADER, AS_JSON_TEXT);
  return asking;
}

/** Whether a message (a request or a reply) is about an answer as JSON text. */
export const isJsonText = (msg: Msg): boolean => msg.headers?.get(ANSWER_HEADER) === AS_JSON_TEXT;

/** Nest's reply packet, as Hearth's server writes it and its client reads it. */
export interface ReplyPacket {
  id?: unknown;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Nest's reply packet `{ id, response | err, isDisposed }` as JSON, an answer already written as JSON set into it
 * as it is (string concatenation), so any client reads the packet it always read.
 */
export function packetJson(packet: ReplyPacket): string {
  const { response } = packet;
  if (!(response instanceof JsonText)) return JSON.stringify(packet);
  const rest = JSON.stringify({ ...packet, response: undefined });
  return `{"response":${response.text}${rest === '{}' ? '}' : `,${rest.slice(1)}`}`;
}

/**
 * What a reply to a request that asked for JSON text carries: the answer's text (written as JSON now when the
 * handler returned a value), or nothing when it has none as JSON (a failure, or no answer at all), which goes as
 * the usual packet.
 */
export function answerText(packet: ReplyPacket): string | undefined {
  if (packet.err !== undefined) return undefined;
  const { response } = packet;
  return response instanceof JsonText ? response.text : JSON.stringify(response);
}
