import type { PipeTransform } from '@nestjs/common';
import { validatePayload } from '@hearth/contracts';

/** Validates a body or message payload against its contract class (unknown fields rejected). */
export class ContractPipe<T extends object> implements PipeTransform<unknown, T> {
  constructor(private readonly cls: new () => T) {}

  transform(value: unknown): T {
    return validatePayload(this.cls, value ?? {});
  }
}
