import { type Block, type Form, type Reply, resolveMentions } from '../../chat/reply.ts';

const toneMarks = {
  info: 'ℹ️ ',
  success: '✅ ',
  warning: '⚠️ ',
  error: '❌ ',
} as const;

/** Pads cells so a table reads in a monospaced terminal. */
function renderTable(columns: string[], rows: string[][]): string[] {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function renderBlock(block: Block): string[] {
  switch (block.kind) {
    case 'text':
      return [block.text];
    case 'context':
      return block.text.split('\n').map((l) => `  ${l}`);
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`);
    case 'list': {
      const lines = block.title ? [`${block.title}:`] : [];
      if (block.items.length === 0 && block.empty) lines.push(`  ${block.empty}`);
      lines.push(...block.items.map((item) => `  • ${item}`));
      if (block.more) lines.push(`  … y ${block.more.count} más`);
      // The terminal cannot press a button: it prints the command the Ver más button would run.
      if (block.more?.command) lines.push(`  Ver más: ${block.more.command}`);
      return lines;
    }
    case 'table':
      return [...(block.title ? [`${block.title}:`] : []), ...renderTable(block.columns, block.rows)];
    case 'actions':
      return block.buttons.map((b) => `  [${b.label}]${b.command ? ` → ${b.command}` : ''}`);
    case 'image':
      return [`(${block.title}: imagen disponible en Slack y Teams)`];
    case 'divider':
      return ['─'.repeat(40)];
  }
}

/** The form described as text: where a terminal cannot show one, it says what would be asked. */
export function renderFormText(form: Form): string[] {
  const lines = [`Formulario «${form.title}»:`];
  for (const f of form.fields) {
    const options = f.options?.length ? ` (${f.options.map((o) => o.value).join(', ')})` : '';
    lines.push(`  - ${f.label}${f.required ? ' (obligatorio)' : ''}${options}`);
  }
  if (form.command) lines.push(`  En una sola línea: ${form.command}`);
  return lines;
}

/** Plain text for the terminal: `*bold*` is kept as is, mentions become names. */
export function renderText(
  reply: Reply,
  nameOf: (personId: number) => string = (id) => `persona ${id}`,
): string {
  const lines: string[] = [];
  if (reply.title) lines.push(`${reply.tone ? toneMarks[reply.tone] : ''}${reply.title}`, '');
  reply.blocks.forEach((block, index) => {
    if (index > 0 && block.kind !== 'context') lines.push('');
    lines.push(...renderBlock(block));
  });
  // Without a title the tone's mark leads the first line, never a line of its own.
  if (!reply.title && reply.tone && reply.tone !== 'info') {
    lines[0] = `${toneMarks[reply.tone]}${lines[0] ?? ''}`.trimEnd();
  }
  if (reply.form) lines.push('', ...renderFormText(reply.form));
  return resolveMentions(lines.join('\n').replace(/\n{3,}/g, '\n\n'), (id) => `@${nameOf(id)}`);
}

/** Slack's `*bold*` markers, which a terminal would print as they are. */
const BOLD = /\*([^*\n]+)\*/g;

/** What the terminal prints: `renderText` without Slack's bold markers. */
export function terminalText(reply: Reply, nameOf?: (personId: number) => string): string {
  return renderText(reply, nameOf).replace(BOLD, '$1');
}
