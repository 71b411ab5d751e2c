// AES-256-GCM for tenant secrets at rest, with node:crypto (no extra dependency: GCM with a random 96-bit IV and
// the tenant + name as associated data is the whole scheme). The key comes from SECRETS_KEY; a row records which
// key sealed it, so SECRETS_KEY_PREVIOUS can still open rows while the key is being rotated.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface SealedSecret {
  ciphertext: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  authTag: Uint8Array<ArrayBuffer>;
  keyId: string;
}

export interface SecretsKeyring {
  /** Which key new secrets are sealed with (a hash prefix of it, never the key). */
  currentKeyId: string;
  seal(plaintext: string, associatedData: string): SealedSecret;
  /** Opens a sealed value; throws when no configured key sealed it or the row was tampered with. */
  open(sealed: SealedSecret, associatedData: string): string;
}

/** The development key: public (it is in the source), so the console and the worker refuse it in production. */
export const DEVELOPMENT_SECRETS_KEY = createHash('sha256')
  .update('switchyard-development-secrets-key')
  .digest('base64');

export const SECRETS_KEY_HINT = 'expected 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`';

/** Decodes a base64 key, explaining what is wrong with it (the variable name is part of the message). */
export function parseSecretsKey(value: string, variable: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== value.trim().replace(/=+$/, '')) {
    throw new Error(`${variable} is not a valid key: ${SECRETS_KEY_HINT}`);
  }
  return key;
}

/** The associated data binding a sealed value to its tenant and name: a row copied elsewhere will not open. */
export function secretAssociatedData(tenantId: string, name: string): string {
  return `${tenantId}\u0000${name}`;
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** A keyring sealing with `current` and opening rows sealed with `current` or `previous` (both base64). */
export function createKeyring(keys: { current: string; previous?: string | undefined }): SecretsKeyring {
  const current = parseSecretsKey(keys.current, 'SECRETS_KEY');
  const byId = new Map<string, Buffer>([[keyIdOf(current), current]]);
  if (keys.previous) {
    const previous = parseSecretsKey(keys.previous, 'SECRETS_KEY_PREVIOUS');
    byId.set(keyIdOf(previous), previous);
  }
  const currentKeyId = keyIdOf(current);
  return {
    currentKeyId,
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      // Fresh copies: Buffer's may share a pooled ArrayBuffer, which Prisma's Bytes type does not accept.
      return {
        ciphertext: new Uint8Array(ciphertext),
        iv: new Uint8Array(iv),
        authTag: new Uint8Array(cipher.getAuthTag()),
        keyId: currentKeyId,
      };
    },
    open(sealed, associatedData) {
      const key = byId.get(sealed.keyId);
      if (!key)
        throw new Error(
          `it was sealed with a key that is not configured (key id ${sealed.keyId}; SECRETS_KEY is ${currentKeyId}); set SECRETS_KEY_PREVIOUS to the old key or set the secret again`,
        );
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(sealed.authTag);
      try {
        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(
          'it could not be decrypted (the stored value was altered or belongs to another tenant or name)',
        );
      }
    },
  };
}
