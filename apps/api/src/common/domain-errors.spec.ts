import { isDatabaseUnavailable } from './domain-errors';

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['a cut connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['an admin shutdown (57P01)', Object.assign(new Error('terminating'), { code: '57P01' })],
    ['a server starting up (57P03)', Object.assign(new Error('starting up'), { code: '57P03' })],
    ['a connection exception (08006)', Object.assign(new Error('x'), { code: '08006' })],
    [
      'TypeORM wrapping one',
      Object.assign(new Error('query failed'), { driverError: { code: 'ECONNRESET' } }),
    ],
    [
      'an AggregateError of connect attempts',
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'x'),
    ],
  ])('recognises %s', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('leaves query errors and bugs alone', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
