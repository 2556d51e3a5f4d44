// Passwords never reach output: every input is displayed through maskInput, and every error message
// that may quote a URL goes through maskSecrets.

/** `postgres://app:s3cret@db/prod` → `postgres://app:***@db/prod`; other inputs unchanged. */
export function maskInput(input: string): string {
  return input.replace(/^(postgres(?:ql)?:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/gi, '$1***');
}

const knownSecrets = new Set<string>();

/** Remember a secret (a password from a URL, PGPASSWORD, an env: value) so that maskSecrets hides it. */
export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length >= 1) knownSecrets.add(secret);
}

/** Replace every registered secret and every URL password in free text (error messages, logs). */
export function maskSecrets(text: string): string {
  let out = text.replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*):[^@/?#\s]*@/gi, '$1:***@').replace(/([?&]password=)[^&\s]*/gi, '$1***');
  // Longest first, so a secret that contains another is hidden whole.
  for (const secret of [...knownSecrets].sort((a, b) => b.length - a.length)) {
    if (secret.length < 3) continue; // too short to mask without mangling ordinary words; never printed anyway
    out = out.split(secret).join('***');
  }
  return out;
}
