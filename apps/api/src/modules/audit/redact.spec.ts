import { changedFields } from '../../common/audit-trail';
import { REDACTED, redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('replaces secret-named fields at any depth and keeps the public ones', () => {
    const out = redactSecrets({
      name: 'prod',
      key_last4: 'abcd',
      api_key: 'sk-live-123',
      nested: { password: 'hunter22', list: [{ token: 't' }, { secret: 's', models: ['a'] }] },
      proxy_url: 'http://user:pw@proxy:8080',
      max_tokens: 5,
    });
    expect(out).toEqual({
      name: 'prod',
      key_last4: 'abcd',
      api_key: REDACTED,
      nested: {
        password: REDACTED,
        list: [{ token: REDACTED }, { secret: REDACTED, models: ['a'] }],
      },
      proxy_url: REDACTED,
      max_tokens: 5,
    });
  });

  it('keeps a null secret field null (nothing was set)', () => {
    expect(redactSecrets({ proxy_url: null })).toEqual({ proxy_url: null });
  });
});

describe('changedFields', () => {
  it('keeps only what changed, old beside new', () => {
    expect(
      changedFields(
        { name: 'a', priority: 0, models: ['x'] },
        { name: 'a', priority: 5, models: ['x', 'y'] },
      ),
    ).toEqual({ old: { priority: 0, models: ['x'] }, new: { priority: 5, models: ['x', 'y'] } });
  });
});
