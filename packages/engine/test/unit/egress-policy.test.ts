import { describe, expect, it } from 'vitest';
import {
  classifyAddress,
  hostMatches,
  parseAllowEntry,
  parseOperatorAllowlist,
  validateTenantHost,
} from '../../src/egress';
import { findAllowEntry } from '../../src/egress/operator-allowlist';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['2002:7f00:1::', '6to4'],
    ['64:ff9b::7f00:1', 'rfc6052'],
  ])('refuses %s (%s)', (address, range) => {
    expect(classifyAddress(address)).toEqual({ address, range, public: false });
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111'])('lets the public address %s through', (address) => {
    expect(classifyAddress(address).public).toBe(true);
  });

  it('refuses what is not an IP address at all (a resolver must give addresses)', () => {
    expect(classifyAddress('2130706433').public).toBe(false);
    expect(classifyAddress('localhost').public).toBe(false);
  });
});

describe('EGRESS_ALLOW', () => {
  const allow = parseOperatorAllowlist('127.0.0.1:4010, 10.0.0.0/8 [::1]:8080 hooks.internal *.corp.example:443');

  it('opens an address only on the port it names', () => {
    expect(findAllowEntry(allow, { hostname: '127.0.0.1', address: '127.0.0.1', port: 4010 })?.text).toBe(
      '127.0.0.1:4010',
    );
    expect(findAllowEntry(allow, { hostname: '127.0.0.1', address: '127.0.0.1', port: 4011 })).toBeUndefined();
    expect(findAllowEntry(allow, { hostname: '::1', address: '::1', port: 8080 })?.text).toBe('[::1]:8080');
  });

  it('matches the resolved address against a CIDR range on any port', () => {
    expect(findAllowEntry(allow, { hostname: 'db.lan', address: '10.9.8.7', port: 5432 })?.text).toBe('10.0.0.0/8');
    expect(findAllowEntry(allow, { hostname: 'db.lan', address: '11.0.0.1', port: 5432 })).toBeUndefined();
  });

  it('matches host names exactly or under a wildcard', () => {
    expect(findAllowEntry(allow, { hostname: 'hooks.internal', address: '172.20.0.5', port: 80 })?.text).toBe(
      'hooks.internal',
    );
    expect(findAllowEntry(allow, { hostname: 'a.corp.example', address: '192.168.1.1', port: 443 })?.text).toBe(
      '*.corp.example:443',
    );
    expect(findAllowEntry(allow, { hostname: 'corp.example', address: '192.168.1.1', port: 443 })).toBeUndefined();
    expect(hostMatches('*.corp.example', 'evilcorp.example')).toBe(false);
  });

  it('is empty when unset: nothing private is reachable', () => {
    expect(parseOperatorAllowlist(undefined)).toEqual([]);
    expect(parseOperatorAllowlist('')).toEqual([]);
  });

  it('names a bad entry', () => {
    expect(() => parseAllowEntry('10.0.0.0/33')).toThrow('EGRESS_ALLOW entry "10.0.0.0/33" is not a valid CIDR range');
    expect(() => parseAllowEntry('127.0.0.1:99999')).toThrow('"99999" is not a port');
    expect(() => parseAllowEntry('under_score')).toThrow('is neither an IP, a CIDR range nor a host name');
    expect(() => parseAllowEntry('http://x/')).toThrow('is a URL; expected an IP, a CIDR range or a host name');
  });
});

describe('tenant host allowlist entries', () => {
  it('accepts host names, wildcards and IPs, normalised to lower case', () => {
    expect(validateTenantHost('API.Example.com')).toEqual({ ok: true, host: 'api.example.com' });
    expect(validateTenantHost('*.example.com')).toEqual({ ok: true, host: '*.example.com' });
    expect(validateTenantHost('203.0.113.9')).toEqual({ ok: true, host: '203.0.113.9' });
  });

  it('refuses URLs, ports and paths with a sentence saying what is expected', () => {
    expect(validateTenantHost('https://api.example.com/x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('expected e.g. api.example.com'),
    });
    expect(validateTenantHost('api.example.com:443')).toMatchObject({ ok: false });
    expect(validateTenantHost('')).toMatchObject({ ok: false });
  });
});
