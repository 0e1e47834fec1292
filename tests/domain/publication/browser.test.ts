import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicSite } from '../../../src/domain/publication/site.ts';
import { decodePng, PNG_SIGNATURE } from '../../helpers/png.ts';
import { fixtureCuts, fixturePlan, NOTHING } from './fixtures.ts';

/** Debian's `chromium` (what .ci/run installs), or another Chromium found on the PATH. */
function findChromium(): string | undefined {
  const found = spawnSync(
    'sh',
    ['-c', 'command -v chromium || command -v chromium-browser || command -v google-chrome'],
    {
      encoding: 'utf8',
    },
  );
  return found.status === 0 ? found.stdout.trim().split('\n')[0] : undefined;
}

const chromium = findChromium();
if (!chromium) {
  console.warn(
    'Se omiten las pruebas en navegador de la página pública: no hay Chromium en el PATH (instálelo con apt-get install chromium; .ci/run lo hace).',
  );
}

/** Flags that keep a headless run off the network (this machine has none) and away from the user's profile. */
function run(args: string[]): string {
  return execFileSync(
    chromium ?? 'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${mkdtempSync(join(tmpdir(), 'mipg-chromium-'))}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

describe.skipIf(!chromium)('the public page in headless Chromium', () => {
  let index: string;
  beforeAll(() => {
    const folder = mkdtempSync(join(tmpdir(), 'mipg-sitio-'));
    for (const [path, content] of publicSite(
      fixturePlan(NOTHING),
      fixtureCuts(NOTHING),
      '2026-09-07T15:30:00Z',
    )) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), content);
    }
    index = pathToFileURL(join(folder, 'index.html')).href;
  });

  it('renders the title and the activities as text', () => {
    const dom = run(['--dump-dom', index]);
    expect(dom).toContain('<h1>Plan de Acción 2026</h1>');
    expect(dom).toContain('2. Diagnóstico de capacidades y entornos (DOFA)');
    expect(dom).toContain('Primer trimestre de 2026');
  }, 90_000);

  it.each([
    ['a desktop', 1280, 900],
    ['a phone', 390, 844],
  ])(
    'takes a screenshot at %s width, drawn with the site stylesheet',
    (_, width, height) => {
      const file = join(mkdtempSync(join(tmpdir(), 'mipg-captura-')), 'index.png');
      run([`--window-size=${width},${height}`, `--screenshot=${file}`, index]);
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(bytes.length).toBeGreaterThan(20_000);
      const png = decodePng(bytes);
      expect([png.width, png.height]).toEqual([width, height]);
      // The header's dark blue (#0b3a63) at its corner: estilo.css loaded under the page's security policy.
      expect(png.pixel(2, 2)).toEqual([0x0b, 0x3a, 0x63]);
      // Below the header the page is mostly white, with dark text on it: it is not blank.
      let dark = 0;
      let light = 0;
      for (let y = 150; y < height; y += 3) {
        for (let x = 0; x < width; x += 3) {
          const [r, g, b] = png.pixel(x, y);
          if (r + g + b < 200) dark += 1;
          if (r + g + b > 720) light += 1;
        }
      }
      expect(dark).toBeGreaterThan(300);
      expect(light).toBeGreaterThan(dark);
    },
    90_000,
  );
});
