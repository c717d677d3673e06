/**
 * What the agent and supervisor pages can ask of the server. Each is one REST request; its
 * result comes back as a notification (User, Dialogs or Team node) and flows through the
 * session, so nothing here changes desktop data by itself.
 */
import {
  clientLogBody,
  type DialogAction,
  dialogActionBody,
  newDialogBody,
  teamMessageBody,
  userStateBody,
} from './client/bodies.ts';
import { parseDialog, parseList } from './client/parse.ts';
import type { Session } from './session.ts';

/** How long a supervisor's change may go unreported by the team node before the team is re-read. */
const TEAM_REFRESH_MS = 2000;

const STATE_LABEL: Record<string, string> = { READY: 'Ready', NOT_READY: 'Not Ready', LOGOUT: 'Sign out' };

export function createActions(s: Session) {
  const me = () => {
    const u = s.data.user;
    if (!u) throw new Error('not signed in');
    return u;
  };

  return {
    async setState(state: 'READY' | 'NOT_READY', reasonCodeId?: string) {
      const u = me();
      await s.act(
        'PUT',
        `/finesse/api/User/${u.loginId}`,
        userStateBody(state, { reasonCodeId }),
        STATE_LABEL[state],
      );
    },

    async dialog(
      dialogId: string,
      action: DialogAction,
      opts: { toAddress?: string; dtmfString?: string } = {},
    ) {
      const u = me();
      s.log.log(
        'CallControl',
        `Dialog ${dialogId}: ${action}${opts.toAddress ? ` to ${opts.toAddress}` : ''}`,
      );
      await s.act(
        'PUT',
        `/finesse/api/Dialog/${dialogId}`,
        dialogActionBody(action, u.extension, opts),
        action,
      );
    },

    async wrapUp(dialogId: string, reason: string) {
      const u = me();
      await s.act(
        'PUT',
        `/finesse/api/Dialog/${dialogId}`,
        dialogActionBody('UPDATE_CALL_DATA', u.extension, { wrapUpReason: reason }),
        'Wrap-up reason',
      );
    },

    /** An editable call variable changed on the call (UPDATE_CALL_DATA). */
    async setCallVariable(dialogId: string, name: string, value: string) {
      const u = me();
      await s.act(
        'PUT',
        `/finesse/api/Dialog/${dialogId}`,
        dialogActionBody('UPDATE_CALL_DATA', u.extension, { callvariables: [{ name, value }] }),
        'Update call data',
      );
    },

    async makeCall(toAddress: string) {
      const u = me();
      s.log.log('CallControl', `Make call from ${u.extension} to ${toAddress}`);
      await s.act(
        'POST',
        `/finesse/api/User/${u.loginId}/Dialogs`,
        newDialogBody('MAKE_CALL', u.extension, toAddress),
        'Make call',
      );
    },

    /** Supervisor: READY, NOT_READY (reason 999 on the server) or LOGOUT for a team agent. */
    async setAgentState(agentId: string, state: 'READY' | 'NOT_READY' | 'LOGOUT') {
      s.log.log('TeamPerformance', `Changing state of agent ${agentId} to ${state}`);
      const teamOf = () => s.data.teams.find((t) => t.users.some((u) => u.loginId === agentId));
      const memberOf = () => teamOf()?.users.find((u) => u.loginId === agentId);
      const seen = memberOf();
      const what = `${STATE_LABEL[state]} for agent ${agentId}`;
      const res = await s.act('PUT', `/finesse/api/User/${agentId}`, userStateBody(state), what);
      if (!res.ok) return;
      // The team node normally reports the outcome. If it stays silent (a lost notification, or a
      // server that does not publish team changes), the supervisor still sees the result of its
      // own action: the team is read again.
      setTimeout(() => {
        const team = teamOf();
        if (team && memberOf() === seen) void s.refreshTeam(team.id);
      }, TEAM_REFRESH_MS);
    },

    /** Supervisor: silent monitor needs the agent's extension; barge-in joins the agent's current call. */
    async monitor(agentId: string, agentExtension: string, mode: 'SILENT_MONITOR' | 'BARGE_CALL') {
      const u = me();
      let associated: string | undefined;
      if (mode === 'BARGE_CALL') {
        const res = await s.rest.get(`/finesse/api/User/${agentId}/Dialogs`);
        associated = res.ok ? parseList(res.text, 'Dialog', parseDialog)[0]?.uri : undefined;
        if (!associated) {
          s.notice('error', `Barge-in: agent ${agentId} has no call`);
          return;
        }
      }
      const label = mode === 'BARGE_CALL' ? 'Barge-in' : 'Silent monitor';
      await s.act(
        'POST',
        `/finesse/api/User/${u.loginId}/Dialogs`,
        newDialogBody(mode, u.extension, agentExtension, associated),
        label,
      );
    },

    /** Supervisor: a message its teams' desktops show until it expires. */
    async sendTeamMessage(content: string, duration: number, teamIds: string[]) {
      s.log.log('TeamMessage', `Sending a team message to ${teamIds.join(', ')}`);
      const res = await s.act(
        'POST',
        '/finesse/api/TeamMessage',
        teamMessageBody(content, duration, teamIds),
        'Team message',
      );
      if (res.ok) s.notice('info', 'Team message sent');
    },

    /** "Send Error Report": the bounded client log to POST /User/{id}/ClientLog. */
    async sendErrorReport() {
      const u = me();
      s.log.log('Header', 'Sending error report');
      const res = await s.act(
        'POST',
        `/finesse/api/User/${u.loginId}/ClientLog`,
        clientLogBody(s.log.text()),
        'Send error report',
      );
      if (res.ok) s.notice('info', `Error report sent (${s.log.entries.length} log lines)`);
    },
  };
}

export type Actions = ReturnType<typeof createActions>;
