import { profileShares } from './profile-shares';

/** The profile's samples grouped by whose code ran, over the load's window only (`profile.js`). */
describe('profile shares', () => {
  const frame = (id: number, functionName: string, url: string) => ({ id, callFrame: { functionName, url } });
  const profile = {
    startTime: 100e6,
    nodes: [
      frame(1, '(idle)', ''),
      frame(2, 'memberView', 'file:///w/dist/apps/membership/src/members/member.view.js'),
      frame(3, 'parseRow', 'file:///w/node_modules/pg/lib/result.js'),
      frame(4, 'writeBuffer', ''),
      frame(5, 'handle', 'file:///w/node_modules/@nestjs/core/router/router-execution-context.js'),
      frame(6, 'compile', 'node:internal/modules/cjs/loader'),
    ],
    // 1 s of start-up (loader), then 4 s of load, then 2 s of idle stop.
    samples: [6, 2, 3, 4, 4, 5, 1, 1],
    timeDeltas: [1e6, 1e6, 1e6, 5e5, 5e5, 1e6, 1e6, 1e6],
  };

  // The 4 s of load: a second each of Hearth's code, pg, the framework, and the socket writes.
  const LOAD_SHARES = {
    "Hearth's own code (dist/apps, dist/libs)": 0.25,
    'PostgreSQL client / ORM': 0.25,
    'socket writes (native)': 0.25,
    'web framework (Nest, fastify, passport, pino, helmet, rxjs)': 0.25,
  };

  it('counts the window of the load, without idle time or the start-up before it', () => {
    const shares = profileShares(profile, { fromUs: 101.5e6, toUs: 105.5e6 });
    expect(rounded(shares)).toEqual(LOAD_SHARES);
  });

  it("takes the window by the clock, not by the profile's end: a stop that runs long counts for nothing", () => {
    // The same load, then 3 s in the process's exit (standalone's own SIGTERM handler exits as it writes the profile).
    const exit = frame(7, 'reallyExit', '');
    const long = {
      ...profile,
      nodes: [...profile.nodes, exit],
      samples: [...profile.samples.slice(0, 6), 7, 7, 7],
      timeDeltas: [...profile.timeDeltas.slice(0, 6), 1e6, 1e6, 1e6],
    };
    const shares = profileShares(long, { fromUs: 101.5e6, toUs: 105.5e6 });
    expect(rounded(shares)).toEqual(LOAD_SHARES);
  });
});

function rounded(shares: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...shares].map(([k, v]) => [k, +v.toFixed(3)]));
}
