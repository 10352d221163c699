import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** An email as it arrived at the test's SMTP server, parsed. */
export interface ArrivedMail {
  to: string;
  from: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
  /** Each header as it arrived (`list-unsubscribe: <…>`), keyed by its lower-cased name. */
  headerLines: Record<string, string>;
}

const addressOf = (field: ParsedMail['to'] | ParsedMail['from']): string =>
  (Array.isArray(field) ? field : field ? [field] : []).map((a) => a.text).join(', ');

/**
 * A real SMTP server on a spare port of 127.0.0.1 that keeps what arrives, parsed with mailparser. It can be
 * stopped and started again on the same port (an SMTP server that is down), and made slow to accept a message.
 */
export class TestSmtpServer {
  readonly arrived: ArrivedMail[] = [];
  /** How long the server takes to accept each message, so a test can stop the sender mid-queue. */
  acceptDelayMs = 0;
  /**
   * While true, each message waits at its end for the test's answer (`answerHeld`): a try held mid-way, so a test
   * can change the queue around a message the sender is handing over.
   */
  holding = false;
  port = 0;
  private server?: SMTPServer;
  private readonly held: { to: string; answer: (accept: boolean) => void }[] = [];

  /** The recipients of the messages held now. */
  get heldFor(): string[] {
    return this.held.map((m) => m.to);
  }

  /** Answers the held message to `email`: accepted, or refused for now (451: the sender tries it again later). */
  answerHeld(email: string, accept: boolean): void {
    const i = this.held.findIndex((m) => m.to.toLowerCase().includes(email.toLowerCase()));
    if (i < 0) throw new Error(`no message to ${email} is held`);
    this.held.splice(i, 1)[0].answer(accept);
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 100,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.acceptDelayMs) await new Promise((r) => setTimeout(r, this.acceptDelayMs));
            const to = addressOf(mail.to);
            if (this.holding && !(await new Promise<boolean>((answer) => this.held.push({ to, answer }))))
              return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
            this.arrived.push({
              to,
              from: addressOf(mail.from),
              subject: mail.subject ?? '',
              messageId: mail.messageId ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              headerLines: Object.fromEntries(mail.headerLines.map((h) => [h.key, h.line])),
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(email: string): ArrivedMail[] {
    return this.arrived.filter((m) => m.to.toLowerCase().includes(email.toLowerCase()));
  }
}

/** The token of the first link to `path` in a text. */
export function tokenIn(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/[/?]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}
