import { ImapFlow } from 'imapflow';

/** Where and how to sign in; the secret already opened. */
export interface ImapAccount {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  auth: 'password' | 'oauth2';
  secret: string;
}

export interface ImapTimeouts {
  /** DNS, TCP and TLS together. */
  connectMs: number;
  /** Silence on an open connection before it counts as dead. */
  socketMs: number;
}

/** A client for one account; never logs (its lines would carry mail and addresses). */
export function imapClient(account: ImapAccount, timeouts: ImapTimeouts): ImapFlow {
  return new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.tls,
    auth:
      account.auth === 'oauth2'
        ? { user: account.username, accessToken: account.secret }
        : { user: account.username, pass: account.secret },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.connectMs,
    socketTimeout: timeouts.socketMs,
    // Long IDLEs are broken and restarted well inside the socket timeout.
    maxIdleTime: Math.max(10_000, Math.floor(timeouts.socketMs * 0.8)),
    clientInfo: { name: 'Hushdesk' },
  });
}

interface ImapErrorLike {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  serverResponseCode?: string;
  message?: string;
}

/**
 * What went wrong, in words an admin can act on. Built from error codes only, never from the
 * server's text or the error message, which may echo the user name or worse.
 */
export function describeImapError(
  error: unknown,
  where: { host: string; port: number; folder: string; tls: boolean },
): string {
  const e = (error ?? {}) as ImapErrorLike;
  const code = String(e.code ?? '');
  const message = String(e.message ?? '');
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED')
    return 'The server refused the user name or password (or token): check them, and that IMAP access is enabled for the account.';
  if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT')
    return `The folder "${where.folder}" does not exist on the server: check its name (INBOX for the inbox).`;
  if (code === 'ECONNREFUSED')
    return `Nothing accepts connections at ${where.host} port ${where.port}: check the host and port.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return `The host name ${where.host} does not resolve: check it.`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return `${where.host} cannot be reached from this server: check the host and the network.`;
  if (
    e.tlsFailed ||
    code.startsWith('ERR_SSL') ||
    code === 'EPROTO' ||
    code === 'ClosedAfterConnectTLS' ||
    /SSL|TLS|certificate/i.test(code)
  ) {
    return where.tls
      ? `The TLS connection to port ${where.port} failed: if the port expects plain IMAP (usually 143), turn TLS off; otherwise check the server's certificate.`
      : 'The server requires TLS: turn TLS on (usually port 993).';
  }
  if (code === 'ClosedAfterConnectText')
    return where.tls
      ? `The server at port ${where.port} closed the connection without an IMAP greeting: check the port.`
      : `The server at port ${where.port} closed the connection without an IMAP greeting: check the port; if it expects TLS (usually 993), turn TLS on.`;
  if (code === 'GREETING_TIMEOUT')
    return where.tls
      ? `The server at port ${where.port} sent no IMAP greeting: check the port.`
      : `The server at port ${where.port} sent no IMAP greeting: if the port expects TLS (usually 993), turn TLS on.`;
  if (code === 'CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'ETIMEOUT')
    return `${where.host} port ${where.port} did not answer in time: check the host, port and any firewall.`;
  if (
    code === 'ECONNRESET' ||
    code === 'EConnectionClosed' ||
    code === 'NoConnection' ||
    /closed/i.test(message)
  )
    return 'The server closed the connection: it will be tried again at the next poll.';
  if (code === 'ETHROTTLE') return 'The server asks us to slow down: it will be tried again later.';
  return `The mail server failed${code ? ` (${code})` : ''}: it will be tried again at the next poll.`;
}
