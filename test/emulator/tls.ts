// A throw-away certificate authority and server certificate for the emulator's TLS listener. @alicloud/credentials
// talks to STS over https only, so tests need a TLS endpoint their Node trusts (NODE_EXTRA_CA_CERTS=<ca file>).
// Node can sign but not build X.509 certificates, and this project has no certificate package or openssl
// dependency, so the few DER structures needed are written here (ECDSA P-256, SHA-256; RFC 5280 field order).
import { X509Certificate, createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// ---- minimal DER ----------------------------------------------------------------------------------------------
function tlv(tag: number, content: Buffer): Buffer {
  const len = content.length;
  const head = len < 0x80 ? Buffer.from([len]) : len < 0x100 ? Buffer.from([0x81, len]) : Buffer.from([0x82, len >> 8, len & 0xff]);
  return Buffer.concat([Buffer.from([tag]), head, content]);
}
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));

function integer(b: Buffer): Buffer {
  // Positive INTEGER: a leading 0 when the top bit is set.
  return tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  // UTCTime for 1950-2049 (RFC 5280), YYMMDDHHMMSSZ.
  const s = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(s, 'ascii'));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), utf8(cn))));
const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
const keyId = (pub: KeyObject) => createHash('sha1').update(pub.export({ type: 'spki', format: 'der' })).digest();

function certificate(o: {
  subject: string; issuer: string; publicKey: KeyObject; issuerKey: KeyObject; issuerPublicKey: KeyObject; ca: boolean; days: number;
}): string {
  const notBefore = new Date(Date.now() - 60 * 60 * 1000); // an hour of slack for clock skew
  const notAfter = new Date(Date.now() + o.days * 24 * 60 * 60 * 1000);
  const serial = randomBytes(16);
  // Positive and minimally encoded: a first byte of 0 followed by one below 0x80 is "illegal padding" in DER, which
  // X509Certificate refuses (one run in 256 failed to start with the old `&= 0x7f` alone).
  serial[0] = (serial[0] & 0x3f) | 0x40;
  const extensions = o.ca
    ? [
        extension('2.5.29.19', true, seq(bool(true))), // basicConstraints CA:TRUE
        extension('2.5.29.15', true, bits(Buffer.from([0x06]), 1)), // keyUsage keyCertSign, cRLSign
        extension('2.5.29.14', false, octets(keyId(o.publicKey))), // subjectKeyIdentifier
      ]
    : [
        extension('2.5.29.19', true, seq()), // basicConstraints CA:FALSE
        extension('2.5.29.15', true, bits(Buffer.from([0x80]), 7)), // keyUsage digitalSignature
        extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage serverAuth
        // subjectAltName: DNS localhost, IP 127.0.0.1, IP ::1 — the emulator's own hosts — and DNS *.emulator.test, a
        // name that resolves nowhere (RFC 6761 reserves .test): a call to it arrives only through a test proxy.
        extension('2.5.29.17', false, seq(
          tlv(0x82, Buffer.from('localhost', 'ascii')),
          tlv(0x82, Buffer.from('*.emulator.test', 'ascii')),
          tlv(0x87, Buffer.from([127, 0, 0, 1])),
          tlv(0x87, Buffer.concat([Buffer.alloc(15), Buffer.from([1])])),
        )),
        extension('2.5.29.35', false, seq(tlv(0x80, keyId(o.issuerPublicKey)))), // authorityKeyIdentifier
      ];
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ECDSA_SHA256,
    name(o.issuer),
    seq(time(notBefore), time(notAfter)),
    name(o.subject),
    o.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...extensions)),
  );
  const der = seq(tbs, ECDSA_SHA256, bits(sign('sha256', tbs, o.issuerKey)));
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}

export interface TlsMaterial {
  /** PEM of the CA to trust (write it to a file for NODE_EXTRA_CA_CERTS). */
  caCert: string;
  /** PEM server certificate (localhost, 127.0.0.1, ::1, *.emulator.test) and its key. */
  cert: string;
  key: string;
}

/** A fresh CA and a server certificate it signed, valid for 30 days; nothing is reused between runs. */
export function generateTlsMaterial(): TlsMaterial {
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const server = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caCert = certificate({
    subject: 'Alibaba Cloud emulator test CA', issuer: 'Alibaba Cloud emulator test CA',
    publicKey: ca.publicKey, issuerKey: ca.privateKey, issuerPublicKey: ca.publicKey, ca: true, days: 30,
  });
  const cert = certificate({
    subject: 'localhost', issuer: 'Alibaba Cloud emulator test CA',
    publicKey: server.publicKey, issuerKey: ca.privateKey, issuerPublicKey: ca.publicKey, ca: false, days: 30,
  });
  // Fail here, not in a client's handshake, if the DER above is ever wrong.
  if (!new X509Certificate(cert).verify(new X509Certificate(caCert).publicKey)) throw new Error('generated certificate does not verify');
  return { caCert, cert, key: server.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}
