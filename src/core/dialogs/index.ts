/** Dialogs: CTI call events → Finesse Dialog notifications, and the Dialog API's call control. */
export type { CallData, CallEvent, CallRef, CallSnapshot, ConnectedParty } from './call-events.ts';
export type { CtiCallControl, CtiCallRequest } from './cti-call-control.ts';
export { DialogEngine, type DialogEngineOptions } from './engine.ts';
export { type DialogChange, DialogTracker, type DialogTrackerOptions } from './tracker.ts';
