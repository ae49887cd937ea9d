export const SESSION_COOKIE = 'hd_session';
/**
 * CSRF protection for cookie-authenticated writes (double submit): the API sets this readable
 * cookie beside the session cookie, and the web app echoes its value in `CSRF_HEADER` on every
 * POST, PUT, PATCH and DELETE. Another site can send the cookie but cannot read it.
 */
export const CSRF_COOKIE = 'hd_csrf';
export const CSRF_HEADER = 'x-csrf-token';
