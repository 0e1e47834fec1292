import { describe, expect, it } from 'vitest';
import { TASK_FIELDS } from '../../../src/domain/publication/open-data.ts';
import { publicSite } from '../../../src/domain/publication/site.ts';
import { STYLESHEET } from '../../../src/domain/publication/style.ts';
import { fixtureCuts, fixturePlan, NOTHING, PLANTED } from './fixtures.ts';
import { accessibilityProblems, contrast, textOf } from './html-checks.ts';

const PUBLISHED = '2026-09-07T15:30:00Z';
const site = publicSite(fixturePlan(NOTHING), fixtureCuts(NOTHING), PUBLISHED);
const file = (path: string) => {
  const content = site.get(path);
  if (content === undefined) throw new Error(`${path} is not in the site`);
  return content.toString();
};
const text = (path: string) => textOf(file(path));

describe('the public site of the Plan de Acción', () => {
  it('has the plan, each activity, each cut, the open data and one local stylesheet', () => {
    expect([...site.keys()].sort()).toEqual(
      [
        'actividad-1.html',
        'actividad-2.html',
        'actividad-3.html',
        'corte-2026-C1.html',
        'corte-2026-T1.html',
        'corte-2026-T2.html',
        'cortes.html',
        'datos.html',
        'datos/corte-2026-C1.csv',
        'datos/corte-2026-C1.json',
        'datos/corte-2026-T1.csv',
        'datos/corte-2026-T1.json',
        'datos/corte-2026-T2.csv',
        'datos/corte-2026-T2.json',
        'datos/plan.csv',
        'datos/plan.json',
        'estilo.css',
        'index.html',
      ].sort(),
    );
  });

  it('shows the plan today: title, date of the data, scheduled and executed, each activity with bars and numbers', () => {
    const index = text('index.html');
    expect(index).toContain('Plan de Acción 2026');
    expect(index).toContain('Vigencia 2026 · datos al 7 de septiembre de 2026.');
    expect(index).toContain('Programado a la fecha 72,6 %');
    expect(index).toContain('Ejecutado a la fecha 51,7 %');
    expect(index).toContain('6 tareas 2 cumplidas (1 fuera de plazo) 1 vencida 2 en curso 1 pendiente');
    expect(index).toContain('2. Diagnóstico de capacidades y entornos (DOFA) 2 0 0 38,8 % 20 %');
    const html = file('index.html');
    expect(html).toContain('<a href="actividad-2.html">2. Diagnóstico de capacidades');
    expect(html).toContain('<span class="relleno ancho-39"></span></span><span class="cifra">38,8');
    expect(html).toContain('<a href="corte-2026-T1.html">Primer trimestre de 2026</a>');
    expect(html).toContain('<a href="datos/plan.csv">');
    expect(index).toContain('Publicado el 7 de septiembre de 2026, 10:30 (hora de Bogotá)');
  });

  it('shows each task of an activity with its team, dates, state in Spanish, parts and evidence links', () => {
    const one = text('actividad-1.html');
    expect(one).toContain('Tarea 1.2. Realizar 2 procesos de caracterización de grupos de valor');
    expect(one).toContain('Equipo responsable Equipo MIPG - Oficina de Planeación de Gestión Institucional');
    expect(one).toContain('Fechas 1 feb – 31 may 2026 Estado Cumplida fuera de plazo (12 días)');
    expect(one).toContain('Cumplida el 12 de junio de 2026');
    expect(one).toContain('Evidencia 1 · www.pasto.gov.co (registrada el 12 jun 2026)');
    expect(one).toContain('2 evidencias registradas no se publican (enlace interno o con datos personales).');
    expect(one).toContain(
      '1.3 Consolidar el documento de caracterización 1 jun – 31 ago 2026 Vencida 100 % 0 %',
    );
    expect(file('actividad-1.html')).toContain(
      '<a href="https://www.pasto.gov.co/caracterizacion.pdf" rel="noopener noreferrer">',
    );
    const two = text('actividad-2.html');
    expect(two).toContain('En curso 4 de 10 procesos');
    expect(two).toContain('DE · Proceso DE (ejemplo): entregado el 10 abr 2026');
    expect(two).toContain('GJ · Proceso GJ (ejemplo): pendiente');
  });

  it('shows a cut: scheduled and executed at its date, corrections, indicators and risks', () => {
    const cut = text('corte-2026-T2.html');
    expect(cut).toContain('Segundo trimestre de 2026: corte al 30 de junio de 2026');
    expect(cut).toContain('Programado al corte 72,6 % Ejecutado al corte 51,7 %');
    expect(cut).toContain('1.1 Primer trimestre de 2026 Cumplida En curso 15 abr 2026');
    expect(cut).toContain(
      '2 reportadas de 4 esperadas. Semáforo: 1 satisfactoria, 0 aceptables y 1 crítica.',
    );
    expect(cut).toContain(
      'PI-01 Reportes de indicadores recibidos a tiempo PI 2026-T3 85,5 % 90 % 95 % Aceptable 1',
    );
    expect(cut).toContain(
      '14 riesgos identificados en 10 procesos; 1 riesgo materializado a la fecha del corte.',
    );
    expect(cut).toContain('Extremo 1');
    expect(text('corte-2026-T1.html')).toContain('No hubo correcciones a cortes anteriores.');
    const list = text('cortes.html');
    expect(list.indexOf('Segundo trimestre de 2026')).toBeLessThan(
      list.indexOf('Primer cuatrimestre de 2026'),
    );
  });

  it('every page is accessible and loads nothing from elsewhere, with no script', () => {
    const pages = [...site.keys()].filter((path) => path.endsWith('.html'));
    expect(pages.flatMap((path) => accessibilityProblems(path, file(path)))).toEqual([]);
    expect(STYLESHEET).not.toMatch(/@import|url\(|@font-face/);
  });

  it('state colours pass WCAG AA with white text, and each state is also written', () => {
    const colours = [...STYLESHEET.matchAll(/\.estado-([a-z-]+)\{background:(#[0-9a-f]{6})\}/g)];
    expect(colours.map(([, name]) => name)).toEqual([
      'cumplida',
      'tarde',
      'vencida',
      'en-curso',
      'pendiente',
    ]);
    for (const [, , colour] of colours) expect(contrast(colour ?? '', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(file('actividad-1.html')).toContain('<span class="estado estado-vencida">Vencida</span>');
  });

  it('writes the open data as UTF-8 CSV with a BOM and as JSON with only the public fields', () => {
    const csv = file('datos/plan.csv');
    expect(csv.startsWith('\uFEFFcodigo,actividad,actividad_nombre,tarea,')).toBe(true);
    expect(csv).toContain('1.2,1,');
    expect(csv).toContain('Cumplida fuera de plazo (12 días),sí,12,2026-06-12');
    const json = JSON.parse(file('datos/plan.json'));
    expect(json.fecha_datos).toBe('2026-09-07');
    expect(json.publicado).toBe(PUBLISHED);
    const task = json.tareas.find((t: { codigo: string }) => t.codigo === '1.2');
    expect(Object.keys(task).sort()).toEqual([...TASK_FIELDS.map((f) => f.key), 'partes_detalle'].sort());
    expect(task.evidencias).toEqual([
      { url: 'https://www.pasto.gov.co/caracterizacion.pdf', fecha: '2026-06-12' },
    ]);
    const cut = JSON.parse(file('datos/corte-2026-T2.json'));
    expect(cut.corte).toEqual({
      codigo: '2026-T2',
      tipo: 'trimestral',
      fecha: '2026-06-30',
      registrado: '2026-06-30',
    });
    expect(cut.correcciones).toEqual([
      {
        tarea: '1.1',
        corte_corregido: '2026-T1',
        decia: 'Cumplida',
        dice_ahora: 'En curso',
        fecha: '2026-04-15',
      },
    ]);
    expect(Object.keys(cut.indicadores.mediciones[0]).sort()).toEqual(
      [
        'codigo',
        'indicador',
        'proceso',
        'periodo',
        'resultado',
        'meta',
        'unidad',
        'cumplimiento_pct',
        'semaforo',
        'correcciones',
      ].sort(),
    );
  });

  it('protects CSV cells that a spreadsheet would run and escapes HTML in every text', () => {
    const plan = fixturePlan(NOTHING);
    const first = plan.tasks[0];
    if (!first) throw new Error('no task');
    first.title = '=HYPERLINK("https://otro.sitio","clic") <script>alert(1)</script>';
    const hostile = publicSite(plan, [], PUBLISHED);
    expect(hostile.get('datos/plan.csv')?.toString()).toContain(
      `"'=HYPERLINK(""https://otro.sitio"",""clic"")`,
    );
    const page = hostile.get('actividad-1.html')?.toString() ?? '';
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile.get('index.html')?.toString()).toContain('Aún no hay cortes de seguimiento registrados.');
  });

  it('contains no e-mail, chat id or name planted in the snapshots, in any file', () => {
    const planted = publicSite(fixturePlan(PLANTED), fixtureCuts(PLANTED), PUBLISHED);
    const leaks: string[] = [];
    for (const [path, content] of planted) {
      const body = content.toString().toLowerCase();
      for (const secret of [...PLANTED.ids, ...PLANTED.names]) {
        if (body.includes(secret.toLowerCase())) leaks.push(`${path}: ${secret}`);
      }
      for (const email of body.match(/[\w.+-]+(@|%40)[\w-]+\.[\w.-]+/g) ?? [])
        leaks.push(`${path}: ${email}`);
    }
    expect(leaks).toEqual([]);
    const page = textOf(planted.get('actividad-1.html')?.toString() ?? '');
    expect(page).toContain('Equipo MIPG - Oficina de Planeación de Gestión Institucional ([dato omitido])');
    expect(page).not.toContain('Nota interna');
    expect(textOf(planted.get('actividad-2.html')?.toString() ?? '')).not.toContain(
      'Cerrada sin todas sus partes',
    );
    expect(planted.get('datos/plan.json')?.toString()).not.toMatch(
      /"(nota|note|by|por|doneBy|reportedBy|createdBy|closedReason|motivo)"/,
    );
  });
});
