/// <reference lib="dom" />
/**
 * Which layout a signed-in user gets (gadgets.md §A.4): their team's when the team has its own
 * (`GET /Team/{id}/LayoutConfig`, `useDefault` false), else the default
 * (`GET /LayoutConfig/default`), else — no such API, or a layout that does not parse — the
 * built-in default of default-layout.ts, with the reason shown.
 */
import type { RestClient } from '../client/rest.ts';
import { childText } from '../client/xml.ts';
import { DEFAULT_LAYOUT_XML } from './default-layout.ts';
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

export async function chooseLayout(rest: RestClient, teamId: string): Promise<ChosenLayout> {
  const parser = new DOMParser();
  const builtIn = parseLayout(DEFAULT_LAYOUT_XML, parser);
  if (!builtIn.ok) throw new Error(`the built-in default layout is broken: ${builtIn.error}`);
  const candidates: { path: string; source: string }[] = [];
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
      source: 'the built-in default layout',
      problem: `The ${c.source} desktop layout cannot be used (${parsed.error}); showing the built-in default layout.`,
    };
  }
  return { layout: builtIn.layout, source: 'the built-in default layout' };
}
