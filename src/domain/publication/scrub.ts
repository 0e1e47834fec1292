/**
 * The second guard of the public page: whatever free text reaches it has e-mail addresses and chat
 * identifiers (Slack ids and mentions, Teams ids and conversation ids, Azure AD object ids) replaced by
 * a visible mark. The first guard is the allow-list in public-model.ts, which never copies a field that
 * names people (who recorded, who reported, notes, reasons).
 */

export const OMITTED = '[dato omitido]';

/** Also catches `%40`-encoded and full-width at signs, as a link or pasted text may carry them. */
const EMAIL = /[\p{L}\p{N}._%+-]+(?:@|%40|＠)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;

/** Slack's `<@U…>`, `<#C…|name>`, `<!subteam^S…>` and `<!channel>` markup. */
const SLACK_MARKUP = /<[@#!][^>\s]*>/g;

/** Slack user, bot, channel, group, DM, team and enterprise ids: 9–12 capitals and digits, one digit at least. */
const SLACK_ID = /\b[UWBCGDTES](?=[A-Z0-9]*\d)[A-Z0-9]{8,11}\b/g;

/** Teams user ids (`29:…`, `28:…`), personal conversations (`a:…`), channels (`19:…@thread…`), `8:orgid:…`. */
const TEAMS_IDS = [
  /\b(?:28|29):[\w-]{10,}/g,
  /\ba:[\w-]{10,}/g,
  /\b19:[\w.-]+@thread[\w.]*/g,
  /\b8:orgid:[\w-]+/g,
];

/** Azure AD object ids (what Teams gives as a person's id) and other GUIDs. */
const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

const FREE_TEXT_PATTERNS = [SLACK_MARKUP, ...TEAMS_IDS, EMAIL, SLACK_ID, GUID];

/** Several marks in a row (a list of addresses) read as one. */
const REPEATED_MARKS = /\[dato omitido\](?:[\s,;]+\[dato omitido\])+/g;

/** Free text with every e-mail and chat identifier replaced by «[dato omitido]». */
export function scrubText(text: string): string {
  let clean = text;
  for (const pattern of FREE_TEXT_PATTERNS) clean = clean.replace(pattern, OMITTED);
  return clean.replace(REPEATED_MARKS, OMITTED);
}

/** Free text that may be missing. */
export function scrubOptional(text: string | null): string | null {
  return text === null ? null : scrubText(text);
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/**
 * An evidence link as published: only http(s) links without a user name, and none that carries an
 * e-mail or a chat id (a Teams message link names its conversation). GUIDs stay: document links of
 * SharePoint and OneDrive are full of them and name no person. Anything else is not published (null).
 */
export function publicUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password) return null;
  const text = decoded(parsed.href);
  const patterns = [SLACK_MARKUP, ...TEAMS_IDS, EMAIL, SLACK_ID];
  if (patterns.some((pattern) => new RegExp(pattern.source, pattern.flags).test(text))) return null;
  return parsed.href;
}
