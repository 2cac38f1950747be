import { extractClientCredentials } from './client-credentials';

describe('extractClientCredentials', () => {
  it('reads every official SDK’s way of sending the key', () => {
    expect(extractClientCredentials({ authorization: 'Bearer gw-1' }, {})).toEqual({
      secret: 'gw-1',
    });
    expect(extractClientCredentials({ 'x-api-key': 'gw-2' }, {})).toEqual({ secret: 'gw-2' });
    expect(extractClientCredentials({ 'x-goog-api-key': 'gw-3' }, {})).toEqual({ secret: 'gw-3' });
    expect(extractClientCredentials({}, { key: 'gw-4' })).toEqual({ secret: 'gw-4' });
  });

  it('prefers the explicit gateway headers and keeps the gateway id', () => {
    expect(
      extractClientCredentials(
        {
          'x-gateway-id': 'g1',
          'x-gateway-authorization': 'Bearer gw-5',
          authorization: 'Bearer other',
        },
        {},
      ),
    ).toEqual({ secret: 'gw-5', gatewayId: 'g1' });
  });

  it('returns nothing when no credential is present', () => {
    expect(extractClientCredentials({ authorization: 'Basic abc' }, {})).toBeUndefined();
    expect(extractClientCredentials({}, undefined)).toBeUndefined();
  });
});
