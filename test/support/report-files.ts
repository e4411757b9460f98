import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';

/** Reading back what the follow-up report made: a PDF's text and metadata, a PNG's pixels, a workbook's sheets. */

export interface PdfContents {
  /** Each page's text, items joined by spaces. */
  readonly pages: string[];
  readonly info: Record<string, unknown>;
  /** The XMP metadata's PDF/A identification, e.g. `{ part: '2', conformance: 'B' }`. */
  readonly pdfa: { part: string | null; conformance: string | null };
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContents> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 })
    .promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .join(' ')
          .replace(/\s+/g, ' '),
      );
    }
    const { info, metadata } = await document.getMetadata();
    return {
      pages,
      info: info as Record<string, unknown>,
      pdfa: {
        part: (metadata?.get('pdfaid:part') as string | null | undefined) ?? null,
        conformance: (metadata?.get('pdfaid:conformance') as string | null | undefined) ?? null,
      },
    };
  } finally {
    await document.destroy();
  }
}

/** A PNG's size and how many of its pixels differ from its top-left (background) pixel. */
export function pngStats(bytes: Uint8Array): { width: number; height: number; drawn: number } {
  const png = PNG.sync.read(Buffer.from(bytes));
  let drawn = 0;
  const data = png.data;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) drawn += 1;
  }
  return { width: png.width, height: png.height, drawn };
}

/** Every sheet's rows as plain values (row 1 first), by sheet name. */
export async function readWorkbook(bytes: Uint8Array): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      rows.push((row.values as unknown[]).slice(1).map((value) => value ?? null));
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}
