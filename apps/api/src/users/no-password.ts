/**
 * The password hash of a contact: an account made for someone known only by mail, which no password
 * opens (it is not a hash any verifier accepts), so they cannot sign in until an admin sets one.
 */
export const NO_PASSWORD = '!no-password';
