import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/**
 * Bot Framework tokens for tests: a signing key the fake connector publishes as the Bot
 * Framework's OpenID keys (so the real botframework-connector validation runs against it), and
 * tokens signed with it, with another key, or not at all.
 */

export const KEY_ID = 'clave-de-prueba';
export const CHANNEL_ISSUER = 'https://api.botframework.com';

let keys: { published: KeyObject; other: KeyObject; jwk: Record<string, unknown> } | undefined;

function signingKeys() {
  if (!keys) {
    const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys = {
      published: published.privateKey,
      other: other.privateKey,
      jwk: published.publicKey.export({ format: 'jwk' }),
    };
  }
  return keys;
}

/** The JSON Web Key Set the fake connector serves, as login.botframework.com does (with endorsements). */
export function publishedKeys(): { keys: Record<string, unknown>[] } {
  const { jwk } = signingKeys();
  return { keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] };
}

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A token Teams would send: the channel issuer, the bot's app id as audience, the service URL.
 * `signedWith: 'other'` signs with a key the Bot Framework never published; `'none'` is `alg=none`.
 */
export function channelToken(
  claims: { aud: string; serviceurl: string; exp?: number },
  signedWith: 'published' | 'other' | 'none' = 'published',
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: CHANNEL_ISSUER, nbf: now - 60, exp: now + 3600, ...claims };
  if (signedWith === 'none') return `${part({ alg: 'none', typ: 'JWT', kid: KEY_ID })}.${part(payload)}.`;
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })}.${part(payload)}`;
  const key = signedWith === 'published' ? signingKeys().published : signingKeys().other;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}
