export const API_PREFIX = '/api';

/** Password rules shared by the API's validation and the web forms. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
