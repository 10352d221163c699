import { loggableUrl } from './logging';

describe('loggableUrl', () => {
  it('drops what people typed into a query string, keeping the path', () => {
    expect(loggableUrl('/api/v1/tenants/x/members?search=jane%40example.org&limit=5')).toBe(
      '/api/v1/tenants/x/members?[redacted]',
    );
    expect(loggableUrl('/invitations/accept?token=secret')).toBe('/invitations/accept?[redacted]');
  });

  it('leaves a URL without a query as it is', () => {
    expect(loggableUrl('/health/ready')).toBe('/health/ready');
    expect(loggableUrl(undefined)).toBeUndefined();
  });
});
