// Passwords never reach output: every input is displayed through maskInput, and every error message
// that may quote a URL goes through maskSecrets.

/**
 * `postgres://app:s3cret@db/prod` → `postgres://app:***@db/prod`; other inputs unchanged. A password that
 * holds characters the URL should have encoded (`@`, `/`, `#`, `?`) is masked whole too: then everything up
 * to the last `@` is taken for the password, and remembered as a secret (registerSecret) for other output.
 */
export function maskInput(input: string): string {
  let out = input;
  const user = /^(postgres(?:ql)?:\/\/[^:/?#@\s]*):/i.exec(input);
  if (user) {
    const rest = input.slice(user[0].length);
    let parsedPassword = '';
    try {
      parsedPassword = new URL(input).password;
    } catch {
      // not a URL the parser takes: fall back to the last '@'
    }
    // A parsed password cannot hold / ? # (they end the authority), so it runs to the authority's last '@'.
    const end = parsedPassword !== '' ? /^[^/?#]*@/.exec(rest)?.[0].length ?? -1 : rest.lastIndexOf('@') + 1;
    if (end > 0) {
      registerSecret(rest.slice(0, end - 1).length >= 3 ? rest.slice(0, end - 1) : undefined);
      out = `${user[1]}:***@${rest.slice(end)}`;
    }
  }
  return out.replace(/([?&]password=)[^&]*/gi, '$1***');
}

const knownSecrets = new Set<string>();

/** Remember a secret (a password from a URL, PGPASSWORD, an env: value) so that maskSecrets hides it. */
export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length >= 1) knownSecrets.add(secret);
}

/** Replace every registered secret and every URL password in free text (error messages, logs). */
export function maskSecrets(text: string): string {
  let out = text.replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*):[^/?#\s]*@/gi, '$1:***@').replace(/([?&]password=)[^&\s]*/gi, '$1***');
  // Longest first, so a secret that contains another is hidden whole.
  for (const secret of [...knownSecrets].sort((a, b) => b.length - a.length)) {
    if (secret.length < 3) continue; // too short to mask without mangling ordinary words; never printed anyway
    out = out.split(secret).join('***');
  }
  return out;
}
