import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpMode = 'accept' | 'tempfail' | 'reject' | 'hang';

/**
 * A real SMTP server in this process (smtp-server) that keeps what arrives, parsed (mailparser).
 * `mode` decides its answer to the next message: take it (250), 451, 550, or say nothing.
 */
export async function startSmtpServer(): Promise<{ url: string; received: ParsedMail[]; mode: SmtpMode; close: () => Promise<void> }> {
  const state = { received: [] as ParsedMail[], mode: 'accept' as SmtpMode };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const mode = state.mode;
        if (mode === 'hang') return;
        if (mode === 'tempfail') return callback(Object.assign(new Error('4.3.0 Mailbox busy, try later'), { responseCode: 451 }));
        if (mode === 'reject') return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
        state.received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: state.received,
    get mode() {
      return state.mode;
    },
    set mode(m: SmtpMode) {
      state.mode = m;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
