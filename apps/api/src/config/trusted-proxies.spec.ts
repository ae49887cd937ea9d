import { validateEnvironment } from './environment';
import { isTrustedProxyEntry, parseTrustedProxies } from './trusted-proxies';

describe('TRUSTED_PROXIES', () => {
  it.each(['10.0.0.1', '10.0.0.0/8', '192.0.2.0/24', '::1', 'fd00::/8', 'loopback', 'uniquelocal'])(
    'accepts %s',
    (entry) => expect(isTrustedProxyEntry(entry)).toBe(true),
  );

  it.each(['proxy.example', '10.0.0.0/33', '::/129', '10.0.0.0/8/1', '10.0.0', '*', 'true', '10.0.0.1/'])(
    'refuses %s',
    (entry) => expect(isTrustedProxyEntry(entry)).toBe(false),
  );

  it('is a comma-separated list, spaces ignored; unset means no proxy is trusted', () => {
    expect(parseTrustedProxies(' 10.0.0.0/8 ,::1 ')).toEqual(['10.0.0.0/8', '::1']);
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(validateEnvironment({}).TRUSTED_PROXIES).toBeUndefined();
  });

  it('stops the start naming the variable when an entry is not an address or range', () => {
    expect(() => validateEnvironment({ TRUSTED_PROXIES: '10.0.0.0/8, proxy.example' })).toThrow(
      /TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges/,
    );
  });
});
