import { hash, verify } from "@node-rs/argon2";

// Argon2id with OWASP's second recommended setting (19 MiB, 2 passes): strong, and ~30 ms on a small server.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a PIN or password with argon2id. */
export function hashSecret(secret: string): Promise<string> {
  return hash(secret, OPTIONS);
}

let decoy: Promise<string> | undefined;

/**
 * Verifies a PIN against a stored hash. With no hash (unknown account) it verifies against a decoy,
 * so a wrong PIN and an unknown account take the same time.
 */
export async function verifySecret(storedHash: string | null, secret: string): Promise<boolean> {
  if (storedHash === null) {
    decoy ??= hash("decoy-pin-000000", OPTIONS);
    await verify(await decoy, secret).catch(() => false);
    return false;
  }
  return verify(storedHash, secret).catch(() => false);
}
