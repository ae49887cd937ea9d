// `npm run mail:send -- --from you@example.com --subject "Printer jammed" [--text ...] [--port 2525]
//  [--host 127.0.0.1] [--to support@...] [--in-reply-to <id>]`: sends one test mail to the SMTP
// intake `npm start` opens, and prints the intake's answer. A real SMTP client (nodemailer).
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: 'you@example.com' },
    to: { type: 'string' },
    subject: { type: 'string', default: 'Test mail' },
    text: { type: 'string', default: 'Hello, this is a test mail sent with npm run mail:send.' },
    host: { type: 'string', default: process.env.MAIL_INTAKE_HOST || '127.0.0.1' },
    port: { type: 'string', default: process.env.MAIL_INTAKE_PORT || '2525' },
    'in-reply-to': { type: 'string' },
  },
});
const domain = /@([^<>@\s]+)>?\s*$/.exec(process.env.MAIL_FROM ?? '')?.[1] ?? 'hushdesk.local';
const transport = nodemailer.createTransport({
  host: values.host,
  port: Number(values.port),
  secure: false,
  ignoreTLS: true,
});
try {
  const info = await transport.sendMail({
    from: values.from,
    to: values.to ?? `support@${domain}`,
    subject: values.subject,
    text: values.text,
    inReplyTo: values['in-reply-to'],
    references: values['in-reply-to'],
  });
  process.stdout.write(`Sent ${info.messageId}: the intake answered "${info.response}"\n`);
} catch (e) {
  process.stderr.write(`Not sent: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
} finally {
  transport.close();
}
