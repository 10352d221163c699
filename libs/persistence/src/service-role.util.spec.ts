import {
  roleProblems,
  serviceRoleName,
  serviceUrlVariable,
  serviceUrlsFromEnv,
  type RoleFacts,
} from './service-role.util';

describe('service role names', () => {
  it('derives the role and the variable from the schema, so a new service needs no line of its own', () => {
    expect(serviceRoleName('reporting')).toBe('hearth_reporting');
    expect(serviceUrlVariable('reporting')).toBe('REPORTING_DATABASE_URL');
    expect(serviceUrlVariable('volunteering')).toBe('VOLUNTEERING_DATABASE_URL');
    expect(serviceUrlVariable('my-service')).toBe('MY_SERVICE_DATABASE_URL');
  });

  it('reads the variables that are set, by schema, and ignores empty ones', () => {
    const env = { TENANTS_DATABASE_URL: 'postgres://t@db/h', EVENTS_DATABASE_URL: '', DATABASE_URL: 'x' };
    expect(serviceUrlsFromEnv([{ schema: 'tenants' }, { schema: 'events' }], env)).toEqual({
      tenants: 'postgres://t@db/h',
    });
  });
});

describe('roleProblems', () => {
  const fit: RoleFacts = {
    role: 'hearth_reporting',
    superuser: false,
    bypassRls: false,
    createRole: false,
    ownedTables: [],
    ownedSchemas: [],
    otherServiceSchemas: [],
    ownSchemaUsable: true,
  };

  it('finds nothing wrong with a role that owns nothing and can use its own schema only', () => {
    expect(roleProblems(fit, 'reporting')).toEqual([]);
  });

  it('names every problem, and at most five tables', () => {
    const problems = roleProblems(
      {
        ...fit,
        bypassRls: true,
        ownedTables: ['a.t1', 'a.t2', 'a.t3', 'a.t4', 'a.t5', 'a.t6'],
        ownedSchemas: ['a'],
        otherServiceSchemas: ['tenants', 'membership'],
        ownSchemaUsable: false,
      },
      'reporting',
    );
    expect(problems).toEqual([
      'has BYPASSRLS',
      "owns a.t1, a.t2, a.t3, a.t4, a.t5, … (a table's owner can switch its row-level security off)",
      'owns the schema(s) a',
      "can use other services' schema(s) tenants, membership",
      'has no rights on the reporting schema',
    ]);
  });

  it('says only SUPERUSER of a superuser, who passes every other test trivially', () => {
    expect(roleProblems({ ...fit, superuser: true, ownedTables: ['a.t1'] }, 'reporting')).toEqual([
      'has SUPERUSER',
    ]);
  });
});
