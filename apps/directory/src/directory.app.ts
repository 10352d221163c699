import { serviceAppFactory } from '@hearth/messaging';
import { DirectoryModule } from './directory.module';
import type { DirectoryOptions } from './directory.options';

/** The directory service as its own process: NATS handlers and consumers, plus HTTP for /health only. */
export const createDirectoryApp = serviceAppFactory((options: DirectoryOptions) =>
  DirectoryModule.register(options),
);
