import type { LookupAddress } from 'node:dns';
import {
  isAddressRefusedError,
  nonPublicAddressKind,
  policyLookup,
  refuseLiteralAddress,
} from './addressPolicy';

describe('nonPublicAddressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private, RFC 1918'],
    ['172.31.255.255', 'private, RFC 1918'],
    ['192.168.0.1', 'private, RFC 1918'],
    ['100.64.0.1', 'carrier-grade NAT, 100.64.0.0/10'],
    ['100.127.255.254', 'carrier-grade NAT, 100.64.0.0/10'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique local, fc00::/7'],
    ['fd00:ec2::254', 'unique local, fc00::/7'],
    ['ff02::1', 'multicast'],
    ['::ffff:169.254.169.254', 'IPv4-mapped IPv6'],
    ['::ffff:7f00:1', 'IPv4-mapped IPv6'],
    // mapped even when what it maps is public: no resolver answers with these
    ['::ffff:8.8.8.8', 'IPv4-mapped IPv6'],
    ['::7f00:1', 'IPv4-compatible IPv6'],
    ['::a9fe:a9fe', 'IPv4-compatible IPv6'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of link-local'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['2002:7f00:1::', '6to4, an embedded IPv4 address'],
    ['[::1]', 'loopback'],
    ['not-an-address', 'not an IP address'],
  ])('%s is %s', (address, kind) => {
    expect(nonPublicAddressKind(address)).toBe(kind);
  });

  it.each([
    '8.8.8.8',
    '140.82.112.34',
    '100.128.0.1',
    '2606:4700::1111',
    '64:ff9b::808:808',
  ])('%s is public', address => {
    expect(nonPublicAddressKind(address)).toBeUndefined();
  });
});

describe('refuseLiteralAddress', () => {
  it('refuses a literal non-public address and leaves names to the lookup', () => {
    expect(refuseLiteralAddress('[::ffff:a9fe:a9fe]')?.message).toMatch(
      /^\[::ffff:a9fe:a9fe\] is a non-public address \(IPv4-mapped IPv6\): refused by Image Health's address policy/,
    );
    expect(refuseLiteralAddress('127.0.0.1')).toBeDefined();
    expect(refuseLiteralAddress('8.8.8.8')).toBeUndefined();
    expect(refuseLiteralAddress('localhost')).toBeUndefined();
  });
});

describe('policyLookup', () => {
  function lookupWith(answer: LookupAddress[]) {
    const asked: string[] = [];
    const lookup = policyLookup(async hostname => {
      asked.push(hostname);
      return answer;
    });
    const call = (options: { all?: boolean; family?: number }) =>
      new Promise<{ error: Error | null; result: unknown }>(resolve =>
        lookup('cdn.example', options as any, (error, address, family) =>
          resolve({
            error,
            result: options.all ? address : { address, family },
          }),
        ),
      );
    return { asked, call };
  }

  it('resolves once and hands the socket exactly the addresses it checked', async () => {
    const answer = [
      { address: '140.82.112.34', family: 4 },
      { address: '2606:50c0:8000::154', family: 6 },
    ];
    const { asked, call } = lookupWith(answer);
    expect(await call({ all: true })).toEqual({ error: null, result: answer });
    expect(asked).toEqual(['cdn.example']);
    expect(await call({ family: 6 })).toEqual({
      error: null,
      result: { address: '2606:50c0:8000::154', family: 6 },
    });
  });

  it('refuses a name when any of its addresses is not public', async () => {
    const { call } = lookupWith([
      { address: '140.82.112.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ]);
    const { error } = await call({ all: true });
    expect(isAddressRefusedError(error)).toBe(true);
    expect(error?.message).toMatch(
      /^cdn\.example resolves to a non-public address \(private, RFC 1918\): refused/,
    );
    expect(error?.message).not.toContain('10.0.0.5');
  });
});
