import { AppError } from './errors';
import { CreateTenantDto, ListTenantsQuery, TenantInvitationDto } from './tenants';
import { validatePayload } from './validation';

const REGION = '01900000-0000-7000-8000-00000000000a';

const validTenant = {
  regionId: REGION,
  name: 'Bridges Recovery',
  slug: 'bridges-recovery',
  adminEmail: 'admin@bridges.example.org',
};

/** Runs `fn` and returns the AppError it throws; fails the test if it throws nothing or something else. */
function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}

const fieldsOf = (err: AppError) => (err.details?.errors ?? []).map((e) => e.field);

describe('validatePayload', () => {
  describe('a valid payload', () => {
    it('returns an instance of the contract class with the values given', () => {
      const dto = validatePayload(CreateTenantDto, validTenant);
      expect(dto).toBeInstanceOf(CreateTenantDto);
      expect(dto).toEqual(expect.objectContaining(validTenant));
    });

    it('accepts an optional field when it is valid', () => {
      const dto = validatePayload(CreateTenantDto, {
        ...validTenant,
        contactEmail: 'hello@bridges.example.org',
      });
      expect(dto.contactEmail).toBe('hello@bridges.example.org');
    });

    it('accepts a tenant invitation', () => {
      const dto = validatePayload(TenantInvitationDto, { email: 'vol@example.org', role: 'volunteer' });
      expect(dto).toBeInstanceOf(TenantInvitationDto);
      expect(dto.role).toBe('volunteer');
    });

    it('accepts an empty list query', () => {
      expect(validatePayload(ListTenantsQuery, {})).toBeInstanceOf(ListTenantsQuery);
    });
  });

  describe('unknown fields', () => {
    it('rejects a smuggled tenantId, naming it', () => {
      const err = appErrorOf(() => validatePayload(CreateTenantDto, { ...validTenant, tenantId: REGION }));
      expect(err.code).toBe('VALIDATION');
      expect(err.details?.errors).toContainEqual({ field: 'tenantId', message: 'unknown field tenantId' });
      expect(err.message).toContain('unknown field tenantId');
    });

    it('rejects a smuggled role on a tenant creation', () => {
      const err = appErrorOf(() =>
        validatePayload(CreateTenantDto, { ...validTenant, role: 'platform-admin' }),
      );
      expect(err.details?.errors).toContainEqual({ field: 'role', message: 'unknown field role' });
    });

    it('rejects an unknown field in a query', () => {
      const err = appErrorOf(() => validatePayload(ListTenantsQuery, { tenantId: REGION }));
      expect(err.code).toBe('VALIDATION');
      expect(fieldsOf(err)).toEqual(['tenantId']);
    });
  });

  describe('wrong values', () => {
    it('rejects a name of the wrong type, naming the field', () => {
      const err = appErrorOf(() => validatePayload(CreateTenantDto, { ...validTenant, name: 42 }));
      expect(err.code).toBe('VALIDATION');
      expect(fieldsOf(err)).toContain('name');
      expect(err.message).toMatch(/^Invalid name: /);
    });

    it('rejects a regionId that is not a UUID', () => {
      const err = appErrorOf(() =>
        validatePayload(CreateTenantDto, { ...validTenant, regionId: 'north-east' }),
      );
      expect(fieldsOf(err)).toEqual(['regionId']);
    });

    it('names every missing required field at once', () => {
      const err = appErrorOf(() => validatePayload(CreateTenantDto, {}));
      expect(new Set(fieldsOf(err))).toEqual(new Set(['regionId', 'name', 'slug', 'adminEmail']));
    });

    it('rejects an invitation to a role outside the tenant roles', () => {
      const err = appErrorOf(() =>
        validatePayload(TenantInvitationDto, { email: 'x@example.org', role: 'platform-admin' }),
      );
      expect(err.details?.errors).toContainEqual({
        field: 'role',
        message: 'must be one of tenant-admin, coordinator, volunteer, member',
      });
    });

    it('rejects an invitation with a bad email', () => {
      const err = appErrorOf(() =>
        validatePayload(TenantInvitationDto, { email: 'not-an-email', role: 'member' }),
      );
      expect(err.details?.errors).toContainEqual({ field: 'email', message: 'must be an email address' });
    });
  });

  describe('a body that is not an object', () => {
    it.each([
      ['an array', [validTenant]],
      ['null', null],
      ['a string', JSON.stringify(validTenant)],
      ['a number', 7],
      ['undefined', undefined],
    ])('rejects %s with VALIDATION', (_label, body) => {
      const err = appErrorOf(() => validatePayload(CreateTenantDto, body));
      expect(err.code).toBe('VALIDATION');
      expect(err.details?.errors).toEqual([{ field: '', message: 'must be a JSON object' }]);
    });
  });

  describe('ListTenantsQuery limit', () => {
    it("converts limit '10' from a query string to the number 10", () => {
      const query = validatePayload(ListTenantsQuery, { limit: '10' });
      expect(query.limit).toBe(10);
      expect(typeof query.limit).toBe('number');
    });

    it.each([1, 100, '1', '100'])('accepts limit %p', (limit) => {
      expect(validatePayload(ListTenantsQuery, { limit }).limit).toBe(Number(limit));
    });

    it.each([0, 101, '0', '101', -5])('rejects limit %p', (limit) => {
      const err = appErrorOf(() => validatePayload(ListTenantsQuery, { limit }));
      expect(err.code).toBe('VALIDATION');
      expect(fieldsOf(err)).toContain('limit');
    });

    it.each(['abc', '2.5', 2.5])('rejects a limit that is not a whole number (%p)', (limit) => {
      const err = appErrorOf(() => validatePayload(ListTenantsQuery, { limit }));
      expect(err.details?.errors).toContainEqual({ field: 'limit', message: 'must be a whole number' });
    });
  });
});

describe('slugs', () => {
  it('refuses a slug shaped like a UUID, which would collide with id routes', () => {
    const base = {
      regionId: '0190a000-0000-7000-8000-000000000000',
      name: 'LERO',
      adminEmail: 'a@example.org',
    };
    expect(() =>
      validatePayload(CreateTenantDto, { ...base, slug: '0190a000-0000-7000-8000-000000000001' }),
    ).toThrow(/slug/);
    expect(validatePayload(CreateTenantDto, { ...base, slug: 'phoenix-recovery-2' }).slug).toBe(
      'phoenix-recovery-2',
    );
  });
});
