import { pdfKit } from '../http/document-libraries.util';
import type { PublishedThemeView } from '@hearth/contracts';
import { winAnsi } from '../reports/impact-pdf.util';

const MARGIN = 56;

/**
 * A published theme for a LERO to hand to a board (ADR 0066): its title, its prompt and its statements in the order
 * given (shuffled by the service for each edition), with no date, no number and nothing of who wrote them.
 */
export async function testimonyPdf(
  theme: PublishedThemeView,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const pdf = new (pdfKit())({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: winAnsi(theme.title), Creator: 'Hearth' },
  });
  const width = pdf.page.width - 2 * MARGIN;
  pdf.font('Helvetica-Bold').fontSize(18).text(winAnsi(theme.title), { width });
  pdf.moveDown(0.4);
  pdf.font('Helvetica-Oblique').fontSize(12).text(winAnsi(theme.prompt), { width });
  pdf.moveDown(0.6);
  pdf
    .font('Helvetica')
    .fontSize(9)
    .text(
      winAnsi(
        `${theme.pieces.length} statements from people with lived experience, published with their consent and ` +
          'without their names, in no particular order.',
      ),
      { width },
    );
  pdf.font('Helvetica').fontSize(11);
  for (const piece of theme.pieces) {
    pdf.moveDown(1);
    pdf.text(winAnsi(`“${piece}”`), MARGIN, pdf.y, { width });
  }
  pdf.end();
  // The document is a readable stream: read to its end (pdfkit keeps what it wrote until it is read).
  const chunks: Buffer[] = [];
  for await (const chunk of pdf) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
