import type ExcelJS from 'exceljs';
import type { StreamedBook } from '../xlsx-stream.ts';

/**
 * A picture on a sheet of a streamed workbook. exceljs's streaming writer stores images in the workbook
 * (`addImage`) but cannot place one on a sheet, so this adds the parts a placed picture needs, as Excel
 * writes them: the sheet's `<drawing>` and its relationship, the drawing (the picture anchored at a cell,
 * at its size) with its own relationship to the image, and the drawing's content type. It relies on a few
 * internals of exceljs 4's streaming writer, named below; the Comité workbook's test reads the picture back.
 */

/** The internals used: the sheet's relationships, its closing (where `<drawing>` goes) and the zip. */
interface SheetInternals {
  _sheetRelsWriter: { addRelationship(relationship: { Type: string; Target: string }): string };
  _writeLegacyData(): void;
  stream: { write(text: string): void };
}

interface ZipInternals {
  append(data: string | Buffer, options: { name: string }): unknown;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
/** English Metric Units per pixel (at 96 dpi). */
const EMU_PER_PIXEL = 9525;

/** The drawings added to each workbook, for its content types. */
const drawingsOf = new WeakMap<object, string[]>();

function drawingXml(row: number, picture: { width: number; height: number }): string {
  const cx = picture.width * EMU_PER_PIXEL;
  const cy = picture.height * EMU_PER_PIXEL;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"' +
    ` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">` +
    '<xdr:oneCellAnchor>' +
    `<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:ext cx="${cx}" cy="${cy}"/>` +
    '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="1" name="Picture 1"/>' +
    '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>' +
    '<xdr:blipFill><a:blip r:embed="rId1" cstate="print"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>' +
    `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm>` +
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>' +
    '<xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>'
  );
}

function relationshipsXml(type: string, target: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="${REL}/${type}" Target="${target}"/></Relationships>`
  );
}

/** Adds the drawings' content type to `[Content_Types].xml` as the writer puts it in the zip, at its end. */
function declareDrawings(zip: ZipInternals, drawings: string[]): void {
  const append = zip.append.bind(zip);
  zip.append = (data, options) => {
    if (options.name !== '[Content_Types].xml' || typeof data !== 'string') return append(data, options);
    const overrides = drawings.map((name) => `<Override PartName="/${name}" ContentType="${DRAWING_TYPE}"/>`);
    return append(data.replace('</Types>', `${overrides.join('')}</Types>`), options);
  };
}

/** Places the PNG on the sheet with its top-left corner at column B of `row` (0-based), before the sheet is committed. */
export function placeImage(
  book: StreamedBook,
  sheet: ExcelJS.Worksheet,
  picture: { png: Uint8Array; width: number; height: number },
  row: number,
): void {
  const writer = book.writer;
  const zip = (writer as unknown as { zip: ZipInternals }).zip;
  let drawings = drawingsOf.get(writer);
  if (!drawings) {
    drawings = [];
    drawingsOf.set(writer, drawings);
    declareDrawings(zip, drawings);
  }
  const image = writer.addImage({
    buffer: Buffer.from(picture.png) as unknown as ExcelJS.Buffer,
    extension: 'png',
  });
  const drawing = `xl/drawings/drawing${drawings.length + 1}.xml`;
  drawings.push(drawing);
  zip.append(drawingXml(row, picture), { name: drawing });
  zip.append(relationshipsXml('image', `../media/image${image}.png`), {
    name: drawing.replace('drawings/', 'drawings/_rels/').concat('.rels'),
  });
  const internals = sheet as unknown as SheetInternals;
  const rId = internals._sheetRelsWriter.addRelationship({
    Type: `${REL}/drawing`,
    Target: `../${drawing.slice('xl/'.length)}`,
  });
  const writeLegacyData = internals._writeLegacyData.bind(sheet);
  internals._writeLegacyData = () => {
    internals.stream.write(`<drawing r:id="${rId}"/>`);
    writeLegacyData();
  };
}
