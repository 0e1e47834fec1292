// Draws the two icons of the Teams app package (run: node bin/run-ts.js teams/make-icons.ts).
// Teams asks for a 192×192 colour icon and a 32×32 outline icon, white on transparent.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const folder = dirname(fileURLToPath(import.meta.url));

/** Three rising bars (the plan's progress) under a check mark (a task done). */
const color = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" fill="#1f5fa8"/>
  <g fill="#ffffff">
    <rect x="46" y="112" width="26" height="40" rx="4"/>
    <rect x="83" y="92" width="26" height="60" rx="4"/>
    <rect x="120" y="70" width="26" height="82" rx="4"/>
  </g>
  <path d="M50 66 L70 84 L108 42" fill="none" stroke="#f5c518" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const outline = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <g fill="#ffffff">
    <rect x="6" y="19" width="5" height="8" rx="1"/>
    <rect x="13.5" y="15" width="5" height="12" rx="1"/>
    <rect x="21" y="11" width="5" height="16" rx="1"/>
  </g>
  <path d="M6 11 L9.5 14 L16 6.5" fill="none" stroke="#ffffff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

for (const [name, svg] of [
  ['color.png', color],
  ['outline.png', outline],
] as const) {
  const png = new Resvg(svg, { background: 'rgba(0,0,0,0)' }).render().asPng();
  writeFileSync(join(folder, name), png);
  console.log(`${name}: ${png.byteLength} bytes`);
}
