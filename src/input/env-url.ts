import { InputError } from '../errors.js';
import { registerSecret } from './mask.js';

/** `env:DATABASE_URL` → the variable's value. Keeps connection strings out of argv and CI logs. */
export function readEnvUrl(input: string): string {
  const name = input.slice('env:'.length);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new InputError(`${input}: "${name}" is not a valid environment variable name`);
  const value = process.env[name];
  if (value === undefined || value.trim() === '') throw new InputError(`${input}: environment variable ${name} is not set`);
  registerSecret(value);
  try {
    const password = new URL(value).password;
    if (password) registerSecret(decodeURIComponent(password));
  } catch {
    // not a URL: reported by the URL reader with the masked input
  }
  return value.trim();
}
