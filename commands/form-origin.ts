import type { MessageRef } from '../src/chat/messenger.ts';

/**
 * A form's metadata that also remembers the message whose button opened it, so that saving the form can
 * update that message in place (a reminder that says the task is done instead of offering its buttons).
 */
export function formOrigin(value: string, message: MessageRef | undefined): string {
  return message ? JSON.stringify({ value, message }) : value;
}

/** Reads `formOrigin`'s metadata back; plain metadata is just the value. */
export function readFormOrigin(metadata: string | undefined): { value: string; message?: MessageRef } {
  if (!metadata?.startsWith('{')) return { value: metadata ?? '' };
  try {
    const parsed = JSON.parse(metadata) as { value?: unknown; message?: MessageRef };
    return typeof parsed.value === 'string'
      ? { value: parsed.value, ...(parsed.message ? { message: parsed.message } : {}) }
      : { value: '' };
  } catch {
    return { value: '' };
  }
}
