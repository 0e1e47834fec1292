import { fileBytes } from '../domain/streamed.ts';
import type { Exporter } from './types.ts';

/** An exporter from its streamed form: its whole form (`run`) is what the stream writes, gathered. */
export function streamedExporter(spec: Omit<Exporter, 'run'>): Exporter {
  return {
    ...spec,
    async run(format, args, env) {
      const data = await spec.stream(format, args, env);
      if (typeof data === 'string') return data;
      const bytes = await fileBytes(data);
      return format === 'xlsx' ? bytes : bytes.toString('utf8');
    },
  };
}
