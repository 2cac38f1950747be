import {
  AddMemberBody,
  CreateGatewayBody,
  AuditQuery,
  CreateInviteBody,
  CreateKeyBody,
  CreateProviderBody,
  GatewayLimitsBody,
  KeyLimitsBody,
  LIMIT_NAMES,
  LogsQuery,
  RoutingSettingsBody,
  TimeseriesQuery,
  canCall,
  roleAtLeast,
  CreateUserBody,
  UpdateUserBody,
} from '../src';

describe('contract schemas', () => {
  it('knows every key limit by the name the dashboard lists', () => {
    expect(Object.keys(KeyLimitsBody.shape).sort()).toEqual([...LIMIT_NAMES].sort());
  });

  it('fills a new key with the documented defaults', () => {
    expect(CreateKeyBody.parse({ name: ' ci ' })).toEqual({
      name: 'ci',
      prefix: 'gw-',
      allowed_models: [],
      allowed_providers: [],
      allowed_tools: [],
      enabled: true,
      limits: {},
    });
  });

  it('rejects unknown fields instead of dropping them', () => {
    const result = CreateProviderBody.safeParse({ provider: 'openai', colour: 'red' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/colour/);
  });

  it('accepts only http(s) and socks5 proxies', () => {
    const proxy = (proxy_url: string) =>
      CreateProviderBody.safeParse({ provider: 'openai', proxy_url }).success;
    expect(proxy('socks5://user:pw@127.0.0.1:1080')).toBe(true);
    expect(proxy('ftp://127.0.0.1')).toBe(false);
    expect(proxy('http://%zz@127.0.0.1')).toBe(false);
  });

  it('turns query strings into typed values and names a reversed range', () => {
    expect(LogsQuery.parse({ status: '429', limit: '10' })).toEqual({ status: 429, limit: 10 });
    const reversed = TimeseriesQuery.safeParse({
      from: '2025-02-01T00:00:00Z',
      to: '2025-01-01T00:00:00Z',
    });
    expect(reversed.error?.issues[0]).toMatchObject({
      path: ['from'],
      message: 'from must not be after to',
    });
    expect(TimeseriesQuery.safeParse({ from: '1970-01-01T00:00:00Z' }).success).toBe(false);
  });

  it('keeps routing updates partial', () => {
    expect(RoutingSettingsBody.parse({ retry: { max_retries: 2 } })).toEqual({
      retry: { max_retries: 2 },
    });
  });

  it('orders team roles and reads the endpoint table through them', () => {
    expect(roleAtLeast('owner', 'admin')).toBe(true);
    expect(roleAtLeast('viewer', 'member')).toBe(false);
    expect(canCall('viewer', 'GET /analytics/gateway/:id/logs')).toBe(true);
    expect(canCall('viewer', 'GET /gateway/:id/credentials')).toBe(false);
    expect(canCall('member', 'GET /gateway/:id/credentials')).toBe(true);
  });

  it('adds a member by exactly one of email and user_id', () => {
    const id = '6f1c2b1e-5d0a-4c59-9a57-2f4f0d3b1a10';
    expect(AddMemberBody.parse({ email: ' A@Example.com ', role: 'viewer' })).toEqual({
      email: 'a@example.com',
      role: 'viewer',
    });
    expect(AddMemberBody.safeParse({ user_id: id, role: 'admin' }).success).toBe(true);
    expect(AddMemberBody.safeParse({ role: 'admin' }).success).toBe(false);
    expect(AddMemberBody.safeParse({ user_id: id, email: 'a@b.co', role: 'admin' }).success).toBe(
      false,
    );
    expect(AddMemberBody.safeParse({ user_id: id, role: 'root' }).success).toBe(false);
    expect(CreateGatewayBody.safeParse({ name: 'x', team_id: 'not-an-id' }).success).toBe(false);
  });

  it('limits end users like keys, without the per-request cap, and bounds their ids', () => {
    expect(
      GatewayLimitsBody.parse({
        end_user: { rpm: 10, budget_usd_per_day: null },
        end_user_overrides: { 'user@example.com': { rpm: 100 }, old: null },
      }),
    ).toEqual({
      end_user: { rpm: 10, budget_usd_per_day: null },
      end_user_overrides: { 'user@example.com': { rpm: 100 }, old: null },
    });
    expect(GatewayLimitsBody.safeParse({ end_user: { max_tokens_per_request: 5 } }).success).toBe(
      false,
    );
    expect(
      GatewayLimitsBody.safeParse({ end_user_overrides: { ['x'.repeat(129)]: {} } }).success,
    ).toBe(false);
    expect(GatewayLimitsBody.safeParse({ end_user_overrides: { 'a\nb': {} } }).success).toBe(false);
  });
});

describe('access and audit schemas', () => {
  it('takes an action, a family or nothing, and refuses anything else', () => {
    expect(AuditQuery.parse({ action: 'key.*' }).action).toBe('key.*');
    expect(AuditQuery.parse({}).limit).toBe(50);
    expect(AuditQuery.safeParse({ action: "key'; DROP" }).success).toBe(false);
    expect(AuditQuery.safeParse({ from: '-271821-04-20T00:00:00Z' }).success).toBe(false);
    expect(AuditQuery.safeParse({ from: '2030-01-01', to: '2029-01-01' }).success).toBe(false);
    expect(AuditQuery.safeParse({ cursor: '1e9' }).success).toBe(false);
  });

  it('defaults a new user to role user and rejects unknown fields', () => {
    expect(CreateUserBody.parse({ email: 'A@B.co', password: 'longenough' })).toEqual({
      email: 'a@b.co',
      password: 'longenough',
      role: 'user',
    });
    expect(
      CreateUserBody.safeParse({ email: 'a@b.co', password: 'longenough', admin: true }).success,
    ).toBe(false);
    expect(UpdateUserBody.safeParse({}).success).toBe(false);
    expect(CreateInviteBody.parse({})).toEqual({ role: 'user', expires_in_hours: 72 });
  });
});
