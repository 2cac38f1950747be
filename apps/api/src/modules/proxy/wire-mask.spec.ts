import { maskHeaders, maskSecret, maskUrl } from './wire-mask';

describe('wire masking', () => {
  it('masks every provider credential header and keeps the rest readable', () => {
    const masked = maskHeaders({
      Authorization: 'Bearer sk-proj-0123456789abcdefghijWXYZ',
      'x-api-key': 'sk-ant-short',
      'x-goog-api-key': 'AIzaSyD-0123456789abcdefghij1234',
      'api-key': 'azure-key-0123456789abcdef5678',
      cookie: 'session=abc',
      'anthropic-version': '2023-06-01',
      'anthropic-ratelimit-tokens-remaining': '9000',
      'content-length': 42,
      accept: ['a', 'b'],
    });
    expect(masked).toEqual({
      authorization: 'Bearer ••••WXYZ',
      'x-api-key': '••••',
      'x-goog-api-key': '••••1234',
      'api-key': '••••5678',
      cookie: '••••',
      'anthropic-version': '2023-06-01',
      'anthropic-ratelimit-tokens-remaining': '9000',
      'content-length': '42',
      accept: 'a, b',
    });
  });

  it('shows no part of a short secret', () => {
    expect(maskSecret('Bearer short-key')).toBe('Bearer ••••');
    expect(maskSecret('0123456789012345678')).toBe('••••');
  });

  it('masks secret query parameters, whatever their case or encoding', () => {
    expect(
      maskUrl('https://g.example/v1beta/models/x:generateContent?alt=sse&key=AIzaSecret'),
    ).toBe('https://g.example/v1beta/models/x:generateContent?alt=sse&key=••••');
    expect(maskUrl('https://h/p?api-version=2024-10-21&Api_Key=s&access_token=t&%6Bey=u')).toBe(
      'https://h/p?api-version=2024-10-21&Api_Key=••••&access_token=••••&%6Bey=••••',
    );
    expect(maskUrl('https://h/v1/messages')).toBe('https://h/v1/messages');
  });
});
