/// <reference lib="dom" />
/**
 * Which layout a signed-in user gets (gadgets.md §A.4): the node says, at
 * `GET /User/{id}/LayoutConfig` — their team's layout when the team has its own (`useDefault`
 * false), else the default. Without that API, the team's and then the default LayoutConfig are
 * read as Finesse's admin APIs offer them. When none can be used (no such API, or a layout that
 * does not parse) the desktop shows the node's own default layout (src/gadgets/default-layout.ts,
 * declared once for server and desktop), and why.
 */
// The layout's text only (no Node code): the bundle takes it from the server's declaration.
import { DEFAULT_LAYOUT_XML } from '../../../gadgets/default-layout.ts';
import type { RestClient } from '../client/rest.ts';
import { childText } from '../client/xml.ts';
import { type FinesseLayout, parseLayout } from './layout.ts';

export interface ChosenLayout {
  layout: FinesseLayout;
  /** Where it came from, for the client log. */
  source: string;
  /** Set when a stored layout could not be used. */
  problem?: string;
}

/** `layoutxml` is escaped text inside the element; the DOM gives it back unescaped. */
async function fetchLayoutXml(
  rest: RestClient,
  path: string,
): Promise<{ xml?: string; useDefault?: boolean }> {
  const res = await rest.get(path);
  if (!res.ok || !res.root) return {};
  const xml = childText(res.root, 'layoutxml');
  const useDefault = childText(res.root, 'useDefault').toLowerCase() === 'true';
  return { xml: xml || undefined, useDefault };
}

export async function chooseLayout(rest: RestClient, userId: string, teamId: string): Promise<ChosenLayout> {
  const parser = new DOMParser();
  const builtIn = parseLayout(DEFAULT_LAYOUT_XML, parser);
  if (!builtIn.ok) throw new Error(`the default layout is broken: ${builtIn.error}`);
  const candidates: { path: string; source: string }[] = [
    { path: `/finesse/api/User/${encodeURIComponent(userId)}/LayoutConfig`, source: `user ${userId}` },
  ];
  if (teamId)
    candidates.push({
      path: `/finesse/api/Team/${encodeURIComponent(teamId)}/LayoutConfig`,
      source: `team ${teamId}`,
    });
  candidates.push({ path: '/finesse/api/LayoutConfig/default', source: 'default' });
  for (const c of candidates) {
    const got = await fetchLayoutXml(rest, c.path);
    if (got.useDefault || !got.xml) continue;
    const parsed = parseLayout(got.xml, parser);
    if (parsed.ok) return { layout: parsed.layout, source: `the ${c.source} layout` };
    return {
      layout: builtIn.layout,
      source: "Switchboard's built-in layout",
      problem: `The ${c.source} desktop layout cannot be used (${parsed.error}); showing Switchboard's built-in layout.`,
    };
  }
  return { layout: builtIn.layout, source: "Switchboard's built-in layout (this node serves no layout)" };
}
