import type { AskUpdateView, AskView, PublicAskView } from '@hearth/contracts';
import type { AskRow, AskUpdateRow } from './asks.repository';

const updateView = (u: AskUpdateRow): AskUpdateView => ({
  status: u.status,
  date: u.on_date,
  text: u.text,
  reason: u.reason,
});

/** The timeline of each ask, oldest first (the rows come ordered). */
export function timelines(updates: AskUpdateRow[]): Map<string, AskUpdateView[]> {
  const byAsk = new Map<string, AskUpdateView[]>();
  for (const u of updates) byAsk.set(u.ask_id, [...(byAsk.get(u.ask_id) ?? []), updateView(u)]);
  return byAsk;
}

export const askView = (a: AskRow, updates: AskUpdateView[]): AskView => ({
  id: a.id,
  owner: a.tenant_id ? 'lero' : 'region',
  what: a.what,
  body: { name: a.body_name, kind: a.body_kind },
  source: { kind: a.source, consultationId: a.consultation_id },
  raisedOn: a.raised_on,
  public: a.public,
  status: a.status,
  updates,
  createdAt: new Date(a.created_at).toISOString(),
  updatedAt: new Date(a.updated_at).toISOString(),
});

/** What anyone may read of a public ask: no consultation id, nothing of who wrote it. */
export const publicAskView = (a: AskRow, updates: AskUpdateView[]): PublicAskView => ({
  id: a.id,
  what: a.what,
  body: { name: a.body_name, kind: a.body_kind },
  source: a.source,
  raisedOn: a.raised_on,
  status: a.status,
  updates,
});
