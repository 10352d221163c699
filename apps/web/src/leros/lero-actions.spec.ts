import type { TenantView } from '@hearth/contracts';
import { availableActions, leroAction } from './lero-actions';

describe('LERO lifecycle actions', () => {
  const lero = (status: TenantView['status']) => ({ name: 'Phoenix', status }) as TenantView;

  it('offers each status only the changes the lifecycle allows', () => {
    expect(availableActions('onboarding')).toEqual(['activate', 'archive']);
    expect(availableActions('active')).toEqual(['suspend', 'archive']);
    expect(availableActions('suspended')).toEqual(['reactivate', 'archive']);
    expect(availableActions('archived')).toEqual([]);
  });

  it('maps reactivate to the API’s activate, and refuses a change the status does not allow', () => {
    expect(leroAction('reactivate', lero('suspended'))?.transition).toBe('activate');
    expect(leroAction('suspend', lero('suspended'))).toBeUndefined();
    expect(leroAction('delete', lero('active'))).toBeUndefined();
  });
});
