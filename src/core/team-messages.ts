import { nodes, type Publisher, type TeamMessage, teamMessageUri } from './model.ts';

/**
 * Team messages reach the desktops of the teams they were sent to: a POST with the whole message
 * when one is posted, a DELETE naming it when it is taken back, on each team's
 * `/finesse/api/Team/{id}/TeamMessages` node, source the message's URI (inferred: finesse-api.md
 * §3.2 lists the node without its shape; these follow the Queue and Dialogs nodes' conventions).
 */
export function publishTeamMessage(publisher: Publisher, message: TeamMessage): void {
  const source = teamMessageUri(message.id);
  for (const teamId of message.teamIds) {
    publisher.publish(nodes.teamMessages(teamId), {
      data: { kind: 'teamMessage', message },
      event: 'POST',
      requestId: '',
      source,
    });
  }
}

export function publishTeamMessageDeleted(
  publisher: Publisher,
  id: string,
  teamIds: readonly string[],
): void {
  const source = teamMessageUri(id);
  for (const teamId of teamIds) {
    publisher.publish(nodes.teamMessages(teamId), {
      data: { kind: 'teamMessageDeleted', id },
      event: 'DELETE',
      requestId: '',
      source,
    });
  }
}
