/** The CTI server simulator: a small ACD behind a GED-188 listener, driven over HTTP too. */
export { Acd, type AcdSnapshot, DEVICE_ERROR_REASON, SUPERVISOR_LOGOUT_REASON } from './acd.ts';
export { RONA_REASON_CODE } from './agents.ts';
export type { CallGeneratorHandle, GeneratorSettings, GeneratorState } from './generator.ts';
export { type CtiSimulator, type CtiSimulatorOptions, startCtiSimulator } from './server.ts';
export type {
  AcdAgentConfig,
  AcdAgentStateEvent,
  AcdCallEvent,
  AcdDeskSettings,
  AcdEvent,
  AcdOptions,
  AcdResult,
  AcdSkillGroup,
  AcdSystemEvent,
  AgentLookup,
  AgentView,
  CallEventKind,
  CallRef,
  CallView,
  InjectCallInput,
  Party,
  SetAgentStateInput,
} from './types.ts';
