import { DomainError } from './errors.ts';
import { isHttpUrl, TEXT_LIMITS, textLimitProblem } from './text.ts';

/**
 * Evidence links are opened by reviewers (and may be fetched by tools): one must not point inside the
 * office's network or at the machine itself, nor hide its real host behind a user name
 * (`https://intranet.pasto.gov.co@evil.example/`). Hosts the administrator lists in
 * `MIPG_EVIDENCIA_HOSTS` are accepted as they are.
 */

/** The IPv4 address as four numbers, or undefined (the URL parser already turned `2130706433` into dots). */
function ipv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) return undefined;
  return parts.map(Number);
}

function ipv4Problem(address: number[], shown: string): string | undefined {
  const [a = 0, b = 0] = address;
  if (a === 127 || a === 0) return `apunta a ${shown}, una dirección de este mismo equipo`;
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) {
    return `apunta a ${shown}, una dirección de red privada`;
  }
  if (a === 169 && b === 254) return `apunta a ${shown}, una dirección local de enlace`;
  return undefined;
}

/** IPv6 as the URL parser writes it (compressed, lowercase, without brackets). */
function ipv6Problem(address: string): string | undefined {
  if (address === '::1' || address === '::') return `apunta a ${address}, una dirección de este mismo equipo`;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (mapped) {
    const high = Number.parseInt(mapped[1] ?? '0', 16);
    const low = Number.parseInt(mapped[2] ?? '0', 16);
    return ipv4Problem([high >> 8, high & 255, low >> 8, low & 255], address);
  }
  const first = Number.parseInt(address.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return `apunta a ${address}, una dirección de red privada`;
  if ((first & 0xffc0) === 0xfe80) return `apunta a ${address}, una dirección local de enlace`;
  return undefined;
}

/** Why an http(s) URL cannot be evidence, or undefined when it can. */
function hostProblem(url: URL, allowedHosts: readonly string[]): string | undefined {
  if (url.username !== '' || url.password !== '') {
    return `lleva un usuario antes de «@», así que en realidad abre «${url.hostname}»`;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const bare = host.replace(/^\[|\]$/g, '');
  if (allowedHosts.includes(host) || allowedHosts.includes(bare)) return undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) return 'apunta a «localhost», este mismo equipo';
  if (host.startsWith('[')) return ipv6Problem(bare);
  const address = ipv4(host);
  if (address) return ipv4Problem(address, host);
  if (!host.includes('.')) return `«${host}» no es un nombre de dominio completo`;
  return undefined;
}

/**
 * The Spanish reason a text cannot be an evidence link (not http(s), a local or private host, a user
 * name before the host), or undefined when it can. `allowedHosts` comes from `MIPG_EVIDENCIA_HOSTS`.
 */
export function evidenceLinkProblem(text: string, allowedHosts: readonly string[] = []): string | undefined {
  const trimmed = text.trim();
  const long = textLimitProblem(trimmed, { subject: 'El enlace', max: TEXT_LIMITS.long });
  if (long !== undefined) return long;
  if (!isHttpUrl(trimmed)) return `«${trimmed}» no es un enlace válido.`;
  const reason = hostProblem(new URL(trimmed), allowedHosts);
  return reason === undefined ? undefined : `«${trimmed}» no se acepta como evidencia: ${reason}.`;
}

/** Throws a Spanish DomainError (with `example` as the help) unless the text is an acceptable evidence link. */
export function assertEvidenceLink(text: string, allowedHosts: readonly string[], example: string): void {
  const problem = evidenceLinkProblem(text, allowedHosts);
  if (problem === undefined) return;
  const help = problem.includes('no se acepta como evidencia')
    ? [
        'Use el enlace con el dominio completo de la entidad, por ejemplo https://intranet.pasto.gov.co/acta.pdf.',
        'Si la entidad publica evidencias en un servidor interno, la administración puede agregarlo a MIPG_EVIDENCIA_HOSTS.',
      ]
    : [example];
  throw new DomainError(problem, ...help);
}
