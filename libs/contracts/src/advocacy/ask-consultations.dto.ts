import { TenantRequest } from '../paging';
import type { ConsultationStatus } from './consultation.dto';

/** `advocacy.ask.consultations`: the consultations a LERO's ask may name (ADR 0075), for its staff's ask form. */
export class ListAskConsultationsRequest extends TenantRequest {}

/** A consultation an ask of the LERO may name as its source: the LERO's own or its region's, open or closed. */
export interface AskConsultationView {
  id: string;
  /** `lero`: the LERO's own; `region`: its region's, asked of the region's LEROs (or of anyone). */
  owner: 'lero' | 'region';
  title: string;
  status: Extract<ConsultationStatus, 'open' | 'closed'>;
  closesAt: string;
}

/** The LERO's and its region's, latest first (at most 100 of each). */
export interface AskConsultationsView {
  items: AskConsultationView[];
}
