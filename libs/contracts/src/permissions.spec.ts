import { MEMBER_EXPORT_HOLDERS, MEMBER_EXPORT_PART } from './membership';
import { GATHER_PARTS, NATS_SERVICES } from './permissions';

describe('who may answer a person’s export', () => {
  it('lets exactly the services of the export’s registry answer its part, each a NATS service', () => {
    const answering = NATS_SERVICES.filter((s) => GATHER_PARTS[s].includes(MEMBER_EXPORT_PART));
    expect([...answering].sort()).toEqual([...MEMBER_EXPORT_HOLDERS].sort());
    for (const holder of MEMBER_EXPORT_HOLDERS) expect(NATS_SERVICES).toContain(holder);
  });
});
