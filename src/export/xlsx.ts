// Grids → an .xlsx workbook (SpreadsheetML in a ZIP): one sheet per grid, inline strings, numbers
// written from their exact decimal text with a number format showing their decimals, thin borders
// on the table, bold title and headers, merged cells, column widths, landscape for wide tables.
import type { CellStyle, Grid } from './grid.js';
import { zip } from './zip.js';
import { columnName } from '../import/workbook.js';

function esc(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' || c === '\r' ? c : ''));
}

/** Style ids: fixed styles, then one number style per decimal count 0–6. */
const STYLES: CellStyle[] = ['title', 'meta', 'metaRight', 'header', 'label', 'labelTotal', 'code', 'number', 'count', 'na', 'blank', 'note'];
const FIRST_DECIMAL_STYLE = STYLES.length + 1;

function styleId(style: CellStyle, decimals: number | undefined): number {
  if (style === 'number') return FIRST_DECIMAL_STYLE + Math.min(6, Math.max(0, decimals ?? 2));
  return STYLES.indexOf(style) + 1;
}

function stylesXml(): string {
  // fonts: 0 normal, 1 bold, 2 title; borders: 0 none, 1 thin; numFmts 164+d: #,##0.00…
  const numFmts = Array.from({ length: 7 }, (_, d) => `<numFmt numFmtId="${164 + d}" formatCode="${d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`}"/>`).join('');
  const xf = (font: number, border: number, fmt: number, h: string, wrap = false, v = 'center') =>
    `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="${border}" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"${fmt ? ' applyNumberFormat="1"' : ''}><alignment horizontal="${h}" vertical="${v}"${wrap ? ' wrapText="1"' : ''}/></xf>`;
  const fixed: Record<CellStyle, string> = {
    title: xf(2, 0, 0, 'center'),
    meta: xf(0, 0, 0, 'left'),
    metaRight: xf(0, 0, 0, 'right'),
    header: xf(1, 1, 0, 'center', true),
    label: xf(0, 1, 0, 'left', true),
    labelTotal: xf(1, 1, 0, 'left', true),
    code: xf(0, 1, 49, 'center'),
    number: xf(0, 1, 166, 'right'),
    count: xf(0, 1, 1, 'right'),
    na: xf(0, 1, 0, 'center'),
    blank: xf(0, 1, 0, 'right'),
    note: xf(0, 0, 0, 'left', true, 'top'),
  };
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', ...STYLES.map((s) => fixed[s]), ...Array.from({ length: 7 }, (_, d) => xf(0, 1, 164 + d, 'right'))];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<numFmts count="7">${numFmts}</numFmts>` +
    '<fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="16"/><name val="宋体"/><charset val="134"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

function sheetXml(grid: Grid): string {
  const rows: string[] = [];
  for (let r = 0; r < grid.rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < grid.cols; c++) {
      const cell = grid.cells.get(`${r},${c}`);
      if (!cell) continue;
      const ref = `${columnName(c)}${r + 1}`;
      const s = styleId(cell.style, cell.decimals);
      if (cell.text === '') cells.push(`<c r="${ref}" s="${s}"/>`);
      else if (cell.number) cells.push(`<c r="${ref}" s="${s}"><v>${cell.text}</v></c>`);
      else cells.push(`<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${esc(cell.text)}</t></is></c>`);
    }
    const height = r === 0 ? ' ht="30" customHeight="1"' : '';
    rows.push(`<row r="${r + 1}"${height}>${cells.join('')}</row>`);
  }
  const cols = grid.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const merges = grid.merges.length ? `<mergeCells count="${grid.merges.length}">${grid.merges.map((m) => `<mergeCell ref="${columnName(m.left)}${m.top + 1}:${columnName(m.right)}${m.bottom + 1}"/>`).join('')}</mergeCells>` : '';
  const last = `${columnName(Math.max(0, grid.cols - 1))}${Math.max(1, grid.rows)}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    // Fitted to one page wide (as many pages tall as it takes).
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${last}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="18"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>${merges}` +
    `<printOptions horizontalCentered="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="${grid.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    '</worksheet>'
  );
}

/** The .xlsx bytes of a workbook with one sheet per grid (sheet names: the grids' names). */
export function writeXlsx(grids: Grid[]): Uint8Array {
  const sheets = grids.map((g, i) => `<sheet name="${esc(g.name.replace(/[[\]:*?/\\]/gu, '').slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
  const rels = grids.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rId${grids.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  const types =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    grids.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '</Types>';
  const rootRels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  return zip([
    ['[Content_Types].xml', types],
    ['_rels/.rels', rootRels],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', workbookRels],
    ['xl/styles.xml', stylesXml()],
    ...grids.map((g, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(g)]),
  ]);
}
