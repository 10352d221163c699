/** Every subject the advocacy service answers (`advocacy.<feature>.<verb>`). A shipped value never changes (add `.v2`). */
export const AdvocacySubjects = {
  createConsultation: 'advocacy.consultation.create',
  listConsultations: 'advocacy.consultation.list',
  getConsultation: 'advocacy.consultation.get',
  updateConsultation: 'advocacy.consultation.update',
  openConsultation: 'advocacy.consultation.open',
  closeConsultation: 'advocacy.consultation.close',
  consultationResults: 'advocacy.consultation.results',
  createRegionConsultation: 'advocacy.region-consultation.create',
  listRegionConsultations: 'advocacy.region-consultation.list',
  getRegionConsultation: 'advocacy.region-consultation.get',
  updateRegionConsultation: 'advocacy.region-consultation.update',
  openRegionConsultation: 'advocacy.region-consultation.open',
  closeRegionConsultation: 'advocacy.region-consultation.close',
  regionConsultationResults: 'advocacy.region-consultation.results',
  respond: 'advocacy.response.create',
  createAsk: 'advocacy.ask.create',
  listAsks: 'advocacy.ask.list',
  getAsk: 'advocacy.ask.get',
  updateAsk: 'advocacy.ask.update',
  addAskUpdate: 'advocacy.ask.add-update',
  /** The consultations a LERO's ask may name: its own and its region's, open or closed (ADR 0075). */
  listAskConsultations: 'advocacy.ask.consultations',
  createRegionAsk: 'advocacy.region-ask.create',
  listRegionAsks: 'advocacy.region-ask.list',
  getRegionAsk: 'advocacy.region-ask.get',
  updateRegionAsk: 'advocacy.region-ask.update',
  addRegionAskUpdate: 'advocacy.region-ask.add-update',
  /** No sign-in: a LERO's, or a region's LEROs', public asks ("you said, we did", ADR 0065). */
  publicLeroAsks: 'advocacy.public.lero-asks',
  publicRegionAsks: 'advocacy.public.region-asks',
  getPublicConsultation: 'advocacy.public-consultation.get',
  respondInPublic: 'advocacy.public-response.create',
  publishTexts: 'advocacy.consultation.publish-texts',
  publishRegionTexts: 'advocacy.region-consultation.publish-texts',
  /** The representation log (ADR 0069): a LERO's seats and the meetings it attended. */
  createSeat: 'advocacy.seat.create',
  listSeats: 'advocacy.seat.list',
  getSeat: 'advocacy.seat.get',
  updateSeat: 'advocacy.seat.update',
  deleteSeat: 'advocacy.seat.delete',
  logMeeting: 'advocacy.meeting.log',
  listMeetings: 'advocacy.meeting.list',
  getMeeting: 'advocacy.meeting.get',
  updateMeeting: 'advocacy.meeting.update',
  removeMeeting: 'advocacy.meeting.remove',
  /** A page of advocacy's part of a LERO's archive (ADR 0075). */
  leroExportPage: 'advocacy.lero-export.page',
} as const;

/**
 * Domain events of the advocacy service (facts, past tense: `evt.advocacy.<thing>.<happened>`), from its outbox.
 * There is deliberately no event per response (ADR 0062): a response is not a fact anyone else may learn of.
 */
export const AdvocacyEvents = {
  consultationOpened: 'evt.advocacy.consultation.opened',
  consultationClosed: 'evt.advocacy.consultation.closed',
  askRaised: 'evt.advocacy.ask.raised',
  askUpdated: 'evt.advocacy.ask.updated',
  meetingLogged: 'evt.advocacy.meeting.logged',
  meetingRemoved: 'evt.advocacy.meeting.removed',
} as const;
