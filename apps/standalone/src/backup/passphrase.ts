import { MIN_PASSPHRASE_LENGTH } from './archive-cipher';

/** Reads a line from the terminal without echoing it. */
export type HiddenPrompt = (question: string) => Promise<string>;

/**
 * The backup's passphrase: `BACKUP_PASSPHRASE`, else asked on the terminal (twice for a new backup). A new
 * backup refuses one shorter than MIN_PASSPHRASE_LENGTH; none at all is refused always.
 */
export async function backupPassphrase(
  purpose: 'backup' | 'restore',
  env: NodeJS.ProcessEnv,
  prompt: HiddenPrompt | undefined,
): Promise<string> {
  let passphrase = env.BACKUP_PASSPHRASE;
  if (passphrase === undefined) {
    if (!prompt) {
      throw new Error(
        'No passphrase: set BACKUP_PASSPHRASE, or run the command in a terminal to be asked for one.',
      );
    }
    passphrase = await prompt(
      purpose === 'backup' ? 'Passphrase for the backup: ' : 'Passphrase of the backup: ',
    );
    if (purpose === 'backup' && passphrase.length >= MIN_PASSPHRASE_LENGTH) {
      if ((await prompt('The same passphrase again: ')) !== passphrase) {
        throw new Error('The two passphrases differ: nothing was written.');
      }
    }
  }
  if (passphrase.length === 0) throw new Error('The passphrase is empty.');
  if (purpose === 'backup' && passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(
      `The passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters (a few words is best). ` +
        'The backup holds people’s special-category data and every secret of the data directory.',
    );
  }
  return passphrase;
}

/** A prompt on this process's terminal, or undefined when stdin is not one. */
export function terminalPrompt(): HiddenPrompt | undefined {
  const input = process.stdin;
  if (!input.isTTY) return undefined;
  return (question) =>
    new Promise((resolve, reject) => {
      process.stderr.write(question);
      let typed = '';
      input.setRawMode(true);
      input.resume();
      input.setEncoding('utf8');
      const done = (err?: Error) => {
        input.setRawMode(false);
        input.pause();
        input.removeListener('data', onData);
        process.stderr.write('\n');
        if (err) reject(err);
        else resolve(typed);
      };
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') return done();
          if (ch === '\u0003' || ch === '\u0004') return done(new Error('Cancelled.'));
          if (ch === '\u007f' || ch === '\b') typed = Array.from(typed).slice(0, -1).join('');
          else if (ch >= ' ') typed += ch;
        }
      };
      input.on('data', onData);
    });
}
