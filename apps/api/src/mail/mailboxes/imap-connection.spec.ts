import { describeImapError } from './imap-connection';

describe('describeImapError', () => {
  const where = { host: 'imap.example.com', port: 993, folder: 'Support', tls: true };

  it.each([
    [{ authenticationFailed: true }, /refused the user name or password/],
    [{ serverResponseCode: 'NONEXISTENT' }, /folder "Support" does not exist/],
    [{ code: 'ECONNREFUSED' }, /Nothing accepts connections at imap.example.com port 993/],
    [{ code: 'ENOTFOUND' }, /does not resolve/],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, /turn TLS off/],
    [{ code: 'CONNECT_TIMEOUT' }, /did not answer in time/],
    [{ code: 'EConnectionClosed' }, /closed the connection/],
  ])('says what to do about %o', (error, expected) => {
    expect(describeImapError(error, where)).toMatch(expected);
  });

  it('suggests TLS when a plain connection gets no greeting', () => {
    expect(describeImapError({ code: 'GREETING_TIMEOUT' }, { ...where, tls: false })).toMatch(/turn TLS on/);
  });

  it("never repeats the server's words or the error message", () => {
    const error = {
      code: 'Whatever',
      message: 'NO [ALERT] user jane.doe@example.com password hunter2 rejected',
      responseText: 'jane.doe@example.com',
    };
    const text = describeImapError(error, where);
    expect(text).not.toMatch(/jane|hunter2/);
    expect(text).toMatch(/tried again at the next poll/);
  });
});
