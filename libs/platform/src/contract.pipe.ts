import type { PipeTransform } from '@nestjs/common';
import { validatePayload } from '@hearth/contracts';

/** Validates a body or message payload against its contract class (unknown fields rejected). */
export class ContractPipe<T extends object> implements PipeTransform<unknown, T> {
  constructor(private readonly cls: new () => T) {}

  transform(value: unknown): T {
    // No body at all is an empty one; a JSON `null` is a body that is not an object (400).
    return validatePayload(this.cls, value === undefined ? {} : value);
  }
}
