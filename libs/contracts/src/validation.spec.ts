import { AppError } from './errors';
import { CreateTenantDto, ListTenantsQuery, LoginDto, TenantInvitationDto, UpdateTenantDto } from './tenants';
import { inputPolicyErrors, isYearInRange, textProblem, MAX_INPUT_DEPTH } from './input-policy';
import { ScheduleDto } from './activities';
import { ConsentChangesDto, CreateMemberDto, ListMembersQuery, UpdateMemberDto } from './membership';
import { LeroImpactQuery } from './reporting';
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

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('the input policy', () => {
  describe('text', () => {
    it.each(['a\u0000b', '\u0000'])('refuses a NUL in %j', (text) =>
      expect(textProblem(text)).toBe('must not contain the NUL character (U+0000)'),
    );

    it.each(['a\ud800b', '\udfff', 'x\ud83d', '\udc00\ud800'])('refuses a lone surrogate in %j', (text) =>
      expect(textProblem(text)).toMatch(/valid Unicode/),
    );

    it.each(['Zoë', 'e\u0301', '👩🏽‍🦯', '\u202Eevil', '\t\r\n', ''])('takes %j', (text) =>
      expect(textProblem(text)).toBeUndefined(),
    );
  });

  describe('a payload as sent', () => {
    it('names every field holding refused text, nested fields and list items too', () => {
      expect(
        inputPolicyErrors({ title: 'a\u0000b', location: { name: '\ud800' }, roles: ['ok', 'x\u0000'] }),
      ).toEqual([
        { field: 'title', message: 'must not contain the NUL character (U+0000)' },
        { field: 'location.name', message: expect.stringMatching(/valid Unicode/) },
        { field: 'roles.1', message: 'must not contain the NUL character (U+0000)' },
      ]);
    });

    it('refuses a field name holding refused text', () => {
      expect(inputPolicyErrors({ 'a\u0000': 1 })).toEqual([
        { field: '"a\\u0000"', message: expect.stringContaining('field name') },
      ]);
    });

    it(`takes ${MAX_INPUT_DEPTH} levels of nesting and refuses one more, without recursion`, () => {
      expect(inputPolicyErrors(nested(MAX_INPUT_DEPTH))).toEqual([]);
      expect(inputPolicyErrors(nested(MAX_INPUT_DEPTH + 1))).toEqual([
        { field: expect.stringMatching(/^a(\.a)*$/), message: expect.stringContaining('nests too deeply') },
      ]);
      // 20,000 levels (the outside fuzzer's): refused at once, no stack overflow.
      expect(inputPolicyErrors(nested(20_000))).toHaveLength(1);
    });
  });

  describe('validatePayload applies it before the contract', () => {
    it('answers a NUL in a member’s name with a 400 naming the field', () => {
      const err = appErrorOf(() => validatePayload(CreateMemberDto, { displayName: 'Jo\u0000' }));
      expect(err.code).toBe('VALIDATION');
      expect(err.details?.errors).toEqual([
        { field: 'displayName', message: 'must not contain the NUL character (U+0000)' },
      ]);
      expect(err.message).toBe('Invalid displayName: must not contain the NUL character (U+0000).');
    });

    it('answers a lone surrogate in an email with a 400 naming the field', () => {
      const err = appErrorOf(() =>
        validatePayload(LoginDto, { email: 'jo\ud800@example.org', password: 'x' }),
      );
      expect(err.details?.errors?.[0]).toMatchObject({ field: 'email' });
    });

    it('answers deep nesting with a 400, not a stack overflow', () => {
      const err = appErrorOf(() => validatePayload(LoginDto, nested(20_000)));
      expect(err.details?.errors?.[0].message).toContain('nests too deeply');
    });

    it('puts emails and searches in one Unicode form (NFC), so é typed two ways is one é', () => {
      const decomposed = 'jose\u0301@example.org';
      expect(validatePayload(LoginDto, { email: decomposed, password: 'x' }).email).toBe(
        'jos\u00e9@example.org',
      );
      expect(validatePayload(ListMembersQuery, { search: 'Zoe\u0308' }).search).toBe('Zo\u00eb');
    });
  });

  describe('dates in a sane range (1900 to 2200)', () => {
    it.each(['1900-01-01', '2200-12-31T23:59:59Z', '2026-03-01'])('takes %s', (date) =>
      expect(isYearInRange(date)).toBe(true),
    );

    it.each(['0000-01-01', '1899-12-31', '2201-01-01', '+275760-09-13T00:00:00Z', '9999-12-31'])(
      'refuses %s',
      (date) => expect(isYearInRange(date)).toBe(false),
    );

    it('refuses a session starting in 9999 naming schedule.startsAt’s field', () => {
      const err = appErrorOf(() =>
        validatePayload(ScheduleDto, { startsAt: '9999-12-31T23:59:59', durationMinutes: 60 }),
      );
      expect(err.details?.errors).toEqual([
        { field: 'startsAt', message: expect.stringContaining('between 1970 and 2200') },
      ]);
    });

    it('refuses a report for the year 0 naming from and to', () => {
      const err = appErrorOf(() =>
        validatePayload(LeroImpactQuery, { period: 'year', from: '0000-01', to: '0000-12' }),
      );
      expect(err.details?.errors?.map((e) => e.field)).toEqual(['from', 'to']);
      expect(err.message).toContain('between 1900-01 and 2200-12');
    });
  });

  describe('null in a change (PATCH): clears what can be cleared, refused where it cannot', () => {
    it('refuses null for a LERO’s name and reporting choice, and clears its contact email', () => {
      expect(
        appErrorOf(() => validatePayload(UpdateTenantDto, { name: null })).details?.errors,
      ).toContainEqual({
        field: 'name',
        message: 'must be a string (a LERO always has a name)',
      });
      expect(
        appErrorOf(() => validatePayload(UpdateTenantDto, { reportingVisibility: null })).details
          ?.errors?.[0],
      ).toMatchObject({ field: 'reportingVisibility' });
      expect(validatePayload(UpdateTenantDto, { contactEmail: null }).contactEmail).toBeNull();
    });

    it('refuses null for a consent (given or not, never unknown)', () => {
      const err = appErrorOf(() => validatePayload(UpdateMemberDto, { consents: { contact: null } }));
      expect(err.details?.errors).toEqual([
        { field: 'consents.contact', message: 'must be true or false (a consent cannot be cleared)' },
      ]);
      expect(validatePayload(ConsentChangesDto, { photos: true }).photos).toBe(true);
    });

    it('reads null community roles as none, when adding a member and when changing one', () => {
      expect(
        validatePayload(CreateMemberDto, { displayName: 'Jo', communityRoles: null }).communityRoles,
      ).toEqual([]);
      expect(validatePayload(UpdateMemberDto, { communityRoles: null }).communityRoles).toEqual([]);
    });

    it('reads a null recurrence rule or zone as none given (a one-off in the default zone)', () => {
      const schedule = validatePayload(ScheduleDto, {
        startsAt: '2027-01-05T10:00',
        durationMinutes: 60,
        rrule: null,
        timezone: null,
      });
      expect(schedule.rrule).toBeUndefined();
      expect(schedule.timezone).toBeUndefined();
    });
  });
});
