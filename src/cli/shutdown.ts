import type { Logger } from '../domain/logger.ts';
import { type Lifecycle, STOP_WAIT_MS, stopBot } from '../main.ts';

/** Exit codes of a second signal, which does not wait: 128 + the signal's number, as a shell reports it. */
const IMMEDIATE_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

export interface SignalOptions {
  /** How long work under way is waited for (default 8 s, so the process ends within 10 s). */
  waitMs?: number;
  exit?: (code: number) => void;
}

/**
 * The running bot's answer to SIGTERM and SIGINT: the first stops taking new work, finishes what is
 * under way (or leaves it for the next start), closes the database and exits 0; a second one, while
 * that is going on, exits at once (130 after SIGINT, 143 after SIGTERM). Returns what removes them.
 */
export function stopOnSignals(life: Lifecycle, log: Logger, options: SignalOptions = {}): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const waitMs = options.waitMs ?? STOP_WAIT_MS;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`Segunda señal (${signal}): el bot sale de inmediato, sin esperar.`, { signal });
      exit(IMMEDIATE_EXIT[signal] ?? 1);
      return;
    }
    stopping = true;
    log.info(
      `Señal ${signal}: el bot deja de aceptar trabajo nuevo y termina lo que está en curso (máximo ${Math.round(waitMs / 1000)} s).`,
      { signal },
    );
    stopBot(life, log, waitMs).then(
      (inTime) => {
        log.info('Bot detenido.', { inTime });
        exit(0);
      },
      (error: Error) => {
        log.error(`Error al detener el bot: ${error.message}`, { error: error.message });
        exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
