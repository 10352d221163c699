import type { Provider } from '@nestjs/common';
import { TenantsClient } from '@hearth/contracts';
import { MessageClient } from '@hearth/messaging';

export const tenantsClientProvider: Provider = {
  provide: TenantsClient,
  inject: [MessageClient],
  useFactory: (bus: MessageClient) => new TenantsClient(bus),
};
