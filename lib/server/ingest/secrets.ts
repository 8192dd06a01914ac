/**
 * Source secrets (API keys, webhook signing secrets) are stored as AES-256-GCM ciphertext and only decrypted on the
 * server. The key comes from WB_SECRETS_KEY (32 bytes, base64) or, when unset, is derived from AUTH_SECRET with HKDF,
 * so a deployment has one secret to manage. Rotating the key means re-entering the source secrets.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

function encryptionKey(): Buffer {
  const explicit = process.env.WB_SECRETS_KEY;
  if (explicit) {
    const key = Buffer.from(explicit, "base64");
    if (key.length !== 32) throw new Error("WB_SECRETS_KEY must be 32 bytes, base64-encoded");
    return key;
  }
  const authSecret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!authSecret) throw new Error("Set WB_SECRETS_KEY or AUTH_SECRET to store source secrets");
  return Buffer.from(hkdfSync("sha256", authSecret, "exception-workbench", "source-secrets", 32));
}

export function encryptSecrets(secrets: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secrets), "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export function decryptSecrets(stored: string | null | undefined): Record<string, string> {
  if (!stored) return {};
  const [version, iv, tag, data] = stored.split(":");
  if (version !== VERSION || !iv || !tag || !data) throw new Error("Unreadable source secret (unknown format)");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  const plain = Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
  return JSON.parse(plain) as Record<string, string>;
}

/** Which secrets are set, for the UI — never the values. */
export function secretNamesSet(stored: string | null | undefined): string[] {
  return Object.entries(decryptSecrets(stored))
    .filter(([, v]) => v.length > 0)
    .map(([k]) => k);
}
