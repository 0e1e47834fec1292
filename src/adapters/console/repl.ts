import { createInterface } from 'node:readline/promises';
import type { App } from '../../app.ts';
import type { Person } from '../../domain/directory/people.ts';
import { roleLabels } from '../../domain/directory/roles.ts';
import { ConsoleSession } from './session.ts';

/** The interactive terminal: one prompt per line until /salir or end of input. */
export async function runConsole(
  app: App,
  person: Person,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const rl = createInterface({
    input,
    output,
    terminal: Boolean((input as { isTTY?: boolean }).isTTY),
  });
  const print = (text: string) => output.write(`${text}\n`);
  // Lines are read in turn from readline's queue: typed ones, or several piped at once (which
  // `rl.question` would drop while the previous one is being answered).
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string): Promise<string> => {
    rl.setPrompt(question);
    rl.prompt();
    const next = await lines.next();
    if (next.done) throw new Error('Se terminó la entrada.');
    return next.value;
  };
  const session = new ConsoleSession(app.router, person, ask, print);
  print(
    `Bot de Planeación MIPG · consola. Habla como ${person.name} <${person.email}> (${roleLabels[person.role]}).`,
  );
  print('Escriba /ayuda para ver las órdenes, o /salir para terminar.\n');
  try {
    for (;;) {
      let line: string;
      try {
        line = await ask('mipg> ');
      } catch {
        break;
      }
      const text = line.trim();
      if (text === '') continue;
      if (['/salir', 'salir', '/exit', 'exit'].includes(text.toLowerCase())) break;
      print(await session.handleLine(text));
      print('');
    }
  } finally {
    rl.close();
  }
}
