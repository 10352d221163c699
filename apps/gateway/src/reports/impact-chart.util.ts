import { REPORT_METRIC_LABELS, type RegionImpactReport, type ReportMetric } from '@hearth/contracts';

/** Okabe–Ito colours (distinguishable with colour-blindness); the regional total in Hearth's ember. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];
const TOTAL_COLOUR = '#a13d1b';
const MAX_SERIES = COLOURS.length;

const W = 860;
const PLOT = { left: 70, top: 60, width: 560, height: 300 };

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Series {
  name: string;
  colour: string;
  points: (number | null)[];
  total: boolean;
}

function niceMax(max: number): number {
  if (max <= 10) return 10;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/**
 * One metric of a regional report over its periods as an SVG line chart: the regional total and each row
 * (LERO or category) with anything published, over the released periods (the same table as the JSON and the
 * CSV). A suppressed figure is a gap in its line, never a zero; the legend says so.
 */
export function impactChartSvg(report: RegionImpactReport, metric: ReportMetric): string {
  const periods = Object.keys(report.totals);
  const valueOf = (values: RegionImpactReport['rows'][number]['values']) => {
    const c = values[metric];
    return c && 'value' in c ? c.value : null;
  };
  const rows = new Map<string, (number | null)[]>();
  for (const row of report.rows) {
    const name = row.lero?.name ?? row.category ?? '';
    const points = rows.get(name) ?? periods.map(() => null);
    points[periods.indexOf(row.period)] = valueOf(row.values);
    rows.set(name, points);
  }
  const ranked = [...rows.entries()]
    .filter(([, points]) => points.some((p) => p !== null && p > 0))
    .sort((a, b) => sum(b[1]) - sum(a[1]) || a[0].localeCompare(b[0]));
  const series: Series[] = [
    {
      name: 'Regional total',
      colour: TOTAL_COLOUR,
      points: periods.map((p) => valueOf(report.totals[p].values)),
      total: true,
    },
    ...ranked
      .slice(0, MAX_SERIES)
      .map(([name, points], i) => ({ name, colour: COLOURS[i], points, total: false })),
  ];
  const omitted = ranked.length - Math.min(ranked.length, MAX_SERIES);
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p ?? 0))));
  const x = (i: number) =>
    PLOT.left + (periods.length === 1 ? PLOT.width / 2 : (i * PLOT.width) / (periods.length - 1));
  const y = (v: number) => PLOT.top + PLOT.height - (v / max) * PLOT.height;
  const title = `${REPORT_METRIC_LABELS[metric]} by ${report.period}, ${report.from} to ${report.to}`;
  const out: string[] = [];
  const height = PLOT.top + PLOT.height + 110;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="title desc" font-family="system-ui, Arial, sans-serif" font-size="13">`,
    `<title id="title">${escapeXml(title)}</title>`,
    `<desc id="desc">${escapeXml(`${title}. Disclosure-controlled: counts from 1 to ${report.disclosureControl.suppressBelow - 1} are suppressed and shown as gaps; other figures are rounded to the nearest ${report.disclosureControl.roundTo}.`)}</desc>`,
    `<rect width="${W}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="30" font-size="18" font-weight="bold" fill="#0b0c0c">${escapeXml(title)}</text>`,
  );
  for (let i = 0; i <= 5; i++) {
    const v = (max * i) / 5;
    out.push(
      `<line x1="${PLOT.left}" x2="${PLOT.left + PLOT.width}" y1="${y(v)}" y2="${y(v)}" stroke="#e3c4b5" stroke-width="1"/>`,
      `<text x="${PLOT.left - 8}" y="${y(v) + 4}" text-anchor="end" fill="#505a5f">${Math.round(v)}</text>`,
    );
  }
  periods.forEach((p, i) => {
    out.push(
      `<text x="${x(i)}" y="${PLOT.top + PLOT.height + 20}" text-anchor="middle" fill="#0b0c0c">${escapeXml(p)}</text>`,
    );
  });
  for (const s of series) {
    // A new path segment after every gap: a suppressed figure is never drawn as a value.
    let d = '';
    let open = false;
    s.points.forEach((p, i) => {
      if (p === null) {
        open = false;
        return;
      }
      d += `${open ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p).toFixed(1)} `;
      open = true;
    });
    if (d)
      out.push(
        `<path d="${d.trim()}" fill="none" stroke="${s.colour}" stroke-width="${s.total ? 4 : 2}" stroke-linejoin="round"/>`,
      );
    s.points.forEach((p, i) => {
      if (p !== null)
        out.push(
          `<circle cx="${x(i).toFixed(1)}" cy="${y(p).toFixed(1)}" r="${s.total ? 5 : 3.5}" fill="${s.colour}"><title>${escapeXml(`${s.name}, ${periods[i]}: ${p}`)}</title></circle>`,
        );
    });
  }
  const lx = PLOT.left + PLOT.width + 24;
  series.forEach((s, i) => {
    const ly = PLOT.top + i * 22;
    out.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="${s.total ? 4 : 2}"/>`,
      `<text x="${lx + 30}" y="${ly + 4}" fill="#0b0c0c">${escapeXml(truncate(s.name, 24))}</text>`,
    );
  });
  const notes = [
    `A gap in a line is a suppressed figure: fewer than ${report.disclosureControl.suppressBelow}, or one that would let a small number be worked out.`,
    `Other figures are rounded to the nearest ${report.disclosureControl.roundTo}. Only released periods are drawn; their figures never change.`,
    ...(omitted > 0
      ? [
          `${omitted} more ${report.by === 'lero' ? 'LEROs' : 'categories'} are in the regional total but not drawn.`,
        ]
      : []),
    ...(report.by === 'lero'
      ? ['LEROs that report only within the regional total are in it and have no line of their own.']
      : []),
  ];
  notes.forEach((n, i) =>
    out.push(
      `<text x="${PLOT.left}" y="${PLOT.top + PLOT.height + 50 + i * 18}" fill="#505a5f">${escapeXml(n)}</text>`,
    ),
  );
  out.push('</svg>');
  return out.join('\n');
}

const sum = (points: (number | null)[]) => points.reduce<number>((a, p) => a + (p ?? 0), 0);
const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
