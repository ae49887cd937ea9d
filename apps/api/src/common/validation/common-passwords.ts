import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Passwords of 12 characters or more that appear in the million most common leaked passwords
 * (SecLists; see COMMON-PASSWORDS.md), lower-cased. Only those lengths are kept: anything shorter
 * is refused by length first. Read on first use: about 44k entries, 1 MB of memory.
 */
let common: Set<string> | null = null;

function list(): Set<string> {
  common ??= new Set(
    readFileSync(join(__dirname, 'common-passwords.txt'), 'utf8').split('\n').filter(Boolean),
  );
  return common;
}

/** Whether a password is on the list, whatever its letters' case ("Qwerty123456" is as weak). */
export function isCommonPassword(password: string): boolean {
  return list().has(password.toLowerCase());
}
