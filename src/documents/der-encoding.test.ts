import { describe, expect, it } from 'vitest';
import { TAG, childrenOf, decodeOid, encodeOid, encodeSetOf, encodeTlv, readTlv } from './der-encoding.ts';

describe('DER encoding', () => {
  it('round-trips object identifiers, including large arcs', () => {
    for (const oid of ['1.2.840.113549.1.9.16.2.47', '2.16.840.1.101.3.4.2.1', '1.3.6.1.4.1.311.2.1.21']) {
      const der = encodeOid(oid);
      expect(decodeOid(der, readTlv(der, 0))).toBe(oid);
    }
    expect(Buffer.from(encodeOid('1.2.840.113549.1.9.4')).toString('hex')).toBe('06092a864886f70d010904');
  });

  it('uses long-form lengths past 127 bytes and reads them back', () => {
    const der = encodeTlv(TAG.OCTET_STRING, new Uint8Array(300));
    expect(Buffer.from(der.subarray(0, 4)).toString('hex')).toBe('0482012c');
    expect(readTlv(der, 0)).toEqual({ tag: TAG.OCTET_STRING, start: 0, contentStart: 4, end: 304 });
  });

  it('sorts SET OF members by their encoding', () => {
    const set = encodeSetOf([encodeTlv(TAG.INTEGER, Buffer.from([9])), encodeTlv(TAG.INTEGER, Buffer.from([1]))]);
    const members = childrenOf(set, readTlv(set, 0)).map((m) => set[m.contentStart]);
    expect(members).toEqual([1, 9]);
  });

  it('refuses values that run past their container', () => {
    expect(() => readTlv(Buffer.from([0x30, 0x05, 0x02]), 0)).toThrow(/past/);
  });
});
