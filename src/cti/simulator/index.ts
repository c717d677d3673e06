/** The CTI server simulator: a small ACD behind a GED-188 listener. */
export {
  Acd,
  type AcdAgentConfig,
  type AcdEvent,
  type AcdOptions,
  type AcdResult,
  type AcdSkillGroup,
  type AgentLookup,
  type AgentView,
  type SetAgentStateInput,
} from './acd.ts';
export { type CtiSimulator, type CtiSimulatorOptions, startCtiSimulator } from './server.ts';
