import { promises as dns, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses the registry client may connect to. A registry (or a host it
 * redirects to, or a token realm it names) is chosen by whoever controls the
 * registry or the image reference; without this policy it could make the
 * backend fetch from its own loopback, the cluster network or a cloud metadata
 * endpoint. Only public unicast addresses pass, except for the hosts the
 * operator listed in `imageHealth.registries`, which are trusted wherever they
 * resolve (a registry on localhost stays usable, for its own host only).
 */

/** How ipaddr.js names the ranges we refuse, in words an operator reads. */
const REFUSED_RANGES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private, RFC 1918',
  carrierGradeNat: 'carrier-grade NAT, 100.64.0.0/10',
  linkLocal: 'link-local',
  uniqueLocal: 'unique local, fc00::/7',
  unspecified: 'unspecified',
  ipv4Mapped: 'IPv4-mapped IPv6',
  rfc6145: 'IPv4-translated IPv6',
  multicast: 'multicast',
  broadcast: 'broadcast',
  '6to4': '6to4, an embedded IPv4 address',
  teredo: 'Teredo, an embedded IPv4 address',
};

/** ::/96 with an IPv4 address in its low bits: deprecated, and ipaddr.js calls it unicast. */
const IPV4_COMPATIBLE = ipaddr.parse('::') as ipaddr.IPv6;

/**
 * Why an IP address is not public, in words (`loopback`, `private, RFC 1918`,
 * …), or undefined for a public unicast address. Anything that does not parse
 * as an address is refused too.
 */
export function nonPublicAddressKind(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return 'not an IP address';
  const parsed = ipaddr.parse(bare);
  const range = parsed.range();
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (range === 'unicast' && v6.match(IPV4_COMPATIBLE, 96)) {
      return 'IPv4-compatible IPv6';
    }
    // NAT64 (64:ff9b::/96) reaches the IPv4 address it embeds: judge that one.
    if (range === 'rfc6052') {
      const embedded = ipaddr.fromByteArray(v6.toByteArray().slice(12));
      return embedded.range() === 'unicast'
        ? undefined
        : `NAT64 of ${REFUSED_RANGES[embedded.range()] ?? 'reserved'}`;
    }
  }
  if (range === 'unicast') return undefined;
  return REFUSED_RANGES[range] ?? `reserved, ${range}`;
}

/** A connection the address policy refused before any packet was sent. */
export class AddressRefusedError extends Error {
  readonly code = 'IMAGE_HEALTH_ADDRESS_REFUSED';
  constructor(
    /** The host as the request named it. */
    readonly hostname: string,
    /** Why, without the resolved address when the host was a name. */
    readonly reason: string,
  ) {
    super(
      `${hostname} ${reason}: refused by Image Health's address policy (only hosts listed in imageHealth.registries may be on loopback, private, link-local or other non-public addresses)`,
    );
    this.name = 'AddressRefusedError';
  }
}

export function isAddressRefusedError(
  error: unknown,
): error is AddressRefusedError {
  return (
    error instanceof AddressRefusedError ||
    (error as { code?: unknown } | undefined)?.code ===
      'IMAGE_HEALTH_ADDRESS_REFUSED'
  );
}

/** DNS resolution: every address of a name. Replaceable so tests can map a name to any address. */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: HostResolver = hostname =>
  dns.lookup(hostname, { all: true, verbatim: true });

/**
 * The refusal for a host that is an IP literal (sockets skip DNS for those, so
 * the lookup below never sees them), or undefined when it is a name or public.
 * `hostname` is a WHATWG URL's hostname: IPv4 already normalised (`0x7f.1` is
 * `127.0.0.1`), IPv6 in brackets.
 */
export function refuseLiteralAddress(
  hostname: string,
): AddressRefusedError | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (!isIP(bare)) return undefined;
  const kind = nonPublicAddressKind(bare);
  return kind
    ? new AddressRefusedError(hostname, `is a non-public address (${kind})`)
    : undefined;
}

/**
 * A `lookup` for net/tls `connect` that resolves a name once, refuses it when
 * any of its addresses is not public, and hands the checked addresses to the
 * socket, so no second lookup can answer differently.
 */
export function policyLookup(resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      addresses => {
        const wanted = addresses.filter(
          a => !options.family || a.family === options.family,
        );
        const refused = wanted.find(a => nonPublicAddressKind(a.address));
        if (wanted.length === 0) {
          const error = Object.assign(new Error(`${hostname} has no address`), {
            code: 'ENOTFOUND',
          });
          callback(error, '', 0);
        } else if (refused) {
          callback(
            new AddressRefusedError(
              hostname,
              `resolves to a non-public address (${nonPublicAddressKind(
                refused.address,
              )})`,
            ),
            '',
            0,
          );
        } else if (options.all) {
          (callback as unknown as (e: null, a: LookupAddress[]) => void)(
            null,
            wanted,
          );
        } else {
          callback(null, wanted[0].address, wanted[0].family);
        }
      },
      error => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}
