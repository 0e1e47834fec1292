/**
 * A rule the person's request broke. Its message is Spanish and is shown to them as is;
 * `help` lines say what was expected, with an example. Nothing is stored when one is thrown.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  readonly help: string[];
  constructor(message: string, ...help: string[]) {
    super(message);
    this.help = help;
  }
}
