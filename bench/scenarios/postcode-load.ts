import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadPostcodes } from '../../apps/directory/src';
import type { BenchConfig, BenchRow } from '../lib/compare';
import type { BenchDatabase } from '../lib/hearth';
import { round } from '../lib/stats';

/** The ONS Postcode Directory's header (its 53 columns, as postcodes.io's ONSPD sample has them). */
const HEADER =
  'pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,nhser,' +
  'ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,npark,lsoa01,msoa01,ur01ind,oac01,oa11,' +
  'lsoa11,msoa11,wz11,sicbl,bua11,buasd11,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21';
/** The letters of an inward code's unit (Royal Mail leaves out C, I, K, M, O and V). */
const UNIT = 'ABDEFGHJLNPQRSTUWXYZ';

/**
 * An ONSPD-shaped file of `rows` postcodes in areas no real postcode uses (QA…QZ), every one different: a third
 * terminated, one in a hundred without a grid reference (99.999999, 0), the rest live with a place near Leeds.
 * The other columns hold codes of the lengths the ONSPD has, so the file is as big as the real one (~1 GB).
 */
async function writeOnspdShaped(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${HEADER}\n`);
  const codes = Array.from({ length: 35 }, (_, i) => `"E0${String(1000000 + i * 7919).slice(0, 7)}"`).join(
    ',',
  );
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const area = `Q${String.fromCharCode(65 + (i % 26))}`;
    const n = Math.floor(i / 26);
    const inward = `${n % 10}${UNIT[Math.floor(n / 10) % 20]}${UNIT[Math.floor(n / 200) % 20]}`;
    const district = 1 + Math.floor(n / 4000);
    const pcds = `${area}${district} ${inward}`;
    const pcd = `${area}${district}`.padEnd(4, ' ') + inward;
    const terminated = i % 3 === 2 ? '"201606"' : '""';
    const [lat, long] =
      i % 100 === 99
        ? ['99.999999', '0.000000']
        : [(53.5 + ((i * 7) % 5000) / 10000).toFixed(6), (-1.9 + ((i * 13) % 7000) / 10000).toFixed(6)];
    chunk += `"${pcd}","${pcd}","${pcds}","198001",${terminated},"E99999999","E99999999",${codes},${lat},${long},"E37000062","","E23000010",1234,"E56000006","E54000054","E00057123","E01011234","E02002345"\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/**
 * `postcode-load`: `npm run directory:load-postcodes` on a generated ONSPD-shaped file of 2.6 million rows (the
 * size of a real release; 0.26 million with --quick), into the bench's database as its owner: rows per second
 * over the whole load (read and staged through COPY, then applied in batches). Goal: a few minutes at most.
 */
export async function postcodeLoad(config: BenchConfig, db: BenchDatabase): Promise<BenchRow[]> {
  const rows = config.quick ? 260_000 : 2_600_000;
  const dir = mkdtempSync(join(tmpdir(), 'hearth-onspd-'));
  const file = join(dir, 'ONSPD_BENCH_UK.csv');
  const owner = new Client({ connectionString: db.ownerUrl });
  try {
    await writeOnspdShaped(file, rows);
    const megabytes = statSync(file).size / 2 ** 20;
    await owner.connect();
    const progress: string[] = [];
    const report = await loadPostcodes(owner, file, { out: (line) => progress.push(line) });
    const readLine = progress.find((l) => l.startsWith('Read '));
    return [
      {
        name: 'postcode-load',
        rps: round(report.read.rows / report.seconds, 0),
        p50Ms: 0,
        p99Ms: 0,
        ratio: null,
        note:
          `${report.read.rows.toLocaleString('en-GB')} ONSPD-shaped rows (${round(megabytes, 0)} MiB) in ` +
          `${round(report.seconds, 1)} s: ${readLine ?? ''}; ${report.added.toLocaleString('en-GB')} added; ` +
          `req/s = rows/s; goal: a 2.6 M-row file in minutes`,
      },
    ];
  } finally {
    await owner.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
