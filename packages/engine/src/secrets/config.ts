import { createKeyring, DEVELOPMENT_SECRETS_KEY, type SecretsKeyring } from './keyring';

/** How an entry point hands the secrets key to the engine (the entry point reads and checks the environment). */
export interface SecretsKeyConfig {
  /** SECRETS_KEY (base64, 32 bytes); without it the public development key, which env parsing refuses in production. */
  secretsKey?: string | undefined;
  /** SECRETS_KEY_PREVIOUS: still opens secrets sealed before a key rotation. */
  secretsKeyPrevious?: string | undefined;
}

export function keyringFrom(config: SecretsKeyConfig): SecretsKeyring {
  return createKeyring({ current: config.secretsKey ?? DEVELOPMENT_SECRETS_KEY, previous: config.secretsKeyPrevious });
}
