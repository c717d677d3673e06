/**
 * The administrator's gadget pages' I/O: the desktop layout (LayoutConfig, default or per team),
 * the third-party gadget files (/3rdpartygadget/files/) and the workflows (workflow-admin.ts).
 * Components show `GadgetAdminState` and send events; this talks to the server.
 */
import { configBody } from './client/bodies.ts';
import type { RestClient } from './client/rest.ts';
import { childElements, childText, idFromUri } from './client/xml.ts';
import { describeErrors } from './desktop-data.ts';
import { WORKFLOWS_EMPTY, WorkflowAdmin, type WorkflowAdminState } from './workflow-admin.ts';

/** The admin pages beside the configuration tables, by key (`#/admin/<key>`). */
export const GADGET_PAGES = [
  { key: 'layout', title: 'Desktop layout' },
  { key: 'workflows', title: 'Workflows' },
  { key: 'gadgets', title: 'Gadget files' },
] as const;
export type GadgetPage = (typeof GADGET_PAGES)[number]['key'];
export const isGadgetPage = (key: string): key is GadgetPage => GADGET_PAGES.some((p) => p.key === key);

export interface LayoutAdminState {
  /** `default`, or the id of the team whose layout is shown. */
  target: string;
  teams: { id: string; name: string }[];
  /** The layout as last loaded or saved (the editor keeps its own draft). */
  xml: string;
  /** For a team: it uses the default layout. */
  useDefault: boolean;
  /** The server's refusal, one line per problem (`line 12, <gadget>: …`). */
  errors: string[];
  message: string;
  /** Bumped on every load and save, so the editor knows to drop its draft. */
  revision: number;
}

export interface GadgetFilesState {
  files: { path: string; size: number }[];
  message: string;
  error: string;
}

export interface GadgetAdminState {
  layout: LayoutAdminState;
  workflows: WorkflowAdminState;
  files: GadgetFilesState;
}

export const GADGETS_EMPTY: GadgetAdminState = {
  layout: { target: 'default', teams: [], xml: '', useDefault: true, errors: [], message: '', revision: 0 },
  workflows: WORKFLOWS_EMPTY,
  files: { files: [], message: '', error: '' },
};

const FILES = '/3rdpartygadget/files/';
const api = '/finesse/api';

/** The problems of a refused layout: ErrorData reads `layoutxml line 12, <gadget>: …`. */
export const layoutProblems = (errors: { errorData: string; errorType: string }[]) =>
  errors.map((e) => e.errorData.replace(/^layoutxml /, '') || e.errorType);

export class GadgetAdmin {
  state: GadgetAdminState = GADGETS_EMPTY;
  readonly workflows: WorkflowAdmin;
  readonly #rest: RestClient;
  readonly #onChange: (s: GadgetAdminState) => void;

  constructor(rest: RestClient, onChange: (s: GadgetAdminState) => void) {
    this.#rest = rest;
    this.#onChange = onChange;
    this.workflows = new WorkflowAdmin(rest, (w) => this.#set({ workflows: w }));
  }

  #set(patch: Partial<GadgetAdminState>) {
    this.state = { ...this.state, ...patch };
    this.#onChange(this.state);
  }

  #layout(patch: Partial<LayoutAdminState>) {
    this.#set({ layout: { ...this.state.layout, ...patch } });
  }

  async open(page: GadgetPage): Promise<void> {
    if (page === 'layout') await this.openLayout(this.state.layout.target);
    else if (page === 'workflows') await this.workflows.refresh();
    else await this.refreshFiles();
  }

  reset(): void {
    this.workflows.reset();
    this.#set(GADGETS_EMPTY);
  }

  async openLayout(target: string): Promise<void> {
    const teams = await this.#teams();
    const path =
      target === 'default'
        ? `${api}/LayoutConfig/default`
        : `${api}/Team/${encodeURIComponent(target)}/LayoutConfig`;
    const res = await this.#rest.get(path);
    const revision = this.state.layout.revision + 1;
    if (!res.ok) {
      this.#layout({
        target,
        teams,
        errors: [],
        message: `Loading failed: ${describeErrors(res.errors, res.status)}`,
        revision,
      });
      return;
    }
    this.#layout({
      target,
      teams,
      // As stored, to the last character (childText would trim it).
      xml: childElements(res.root, 'layoutxml')[0]?.textContent ?? '',
      useDefault: target === 'default' || childText(res.root, 'useDefault') !== 'false',
      errors: [],
      message: '',
      revision,
    });
  }

  async saveLayout(target: string, xml: string, useDefault: boolean): Promise<boolean> {
    const isTeam = target !== 'default';
    const res = isTeam
      ? await this.#rest.send(
          'PUT',
          `${api}/Team/${encodeURIComponent(target)}/LayoutConfig`,
          configBody('TeamLayoutConfig', [
            ['useDefault', useDefault ? 'true' : 'false'],
            ['layoutxml', useDefault ? undefined : xml],
          ]),
        )
      : await this.#rest.send(
          'PUT',
          `${api}/LayoutConfig/default`,
          configBody('LayoutConfig', [['layoutxml', xml]]),
        );
    if (!res.ok) {
      // The draft stays in the editor: the administrator fixes it where it is.
      this.#layout({
        errors: layoutProblems(res.errors),
        message: res.errors.length ? '' : `Saving failed: ${describeErrors(res.errors, res.status)}`,
      });
      return false;
    }
    this.#layout({
      xml: childElements(res.root, 'layoutxml')[0]?.textContent ?? '',
      useDefault: isTeam && childText(res.root, 'useDefault') === 'true',
      errors: [],
      message: isTeam ? `Saved the layout of team ${target}` : 'Saved the default layout',
      revision: this.state.layout.revision + 1,
    });
    return true;
  }

  async #teams(): Promise<{ id: string; name: string }[]> {
    if (this.state.layout.teams.length) return this.state.layout.teams;
    const res = await this.#rest.get(`${api}/Teams`);
    return childElements(res.root, 'Team').map((t) => ({
      id: childText(t, 'id') || idFromUri(childText(t, 'uri')),
      name: childText(t, 'name'),
    }));
  }

  async refreshFiles(): Promise<void> {
    const res = await this.#rest.sendBytes('GET', `${FILES}?list`);
    if (!res.ok) {
      this.#set({
        files: { ...this.state.files, error: `Loading failed: ${res.status} ${res.text}`.trim() },
      });
      return;
    }
    const files = (JSON.parse(res.text) as { path: string; size: number }[]).map((f) => ({
      path: f.path,
      size: f.size,
    }));
    this.#set({ files: { ...this.state.files, files, error: '' } });
  }

  /**
   * Each file goes to `folder`/its path: a folder chosen whole keeps its structure (the files'
   * `webkitRelativePath`), single files go in flat.
   */
  async upload(folder: string, files: File[]): Promise<void> {
    const dir = folder.replace(/^\/+|\/+$/g, '');
    const done: string[] = [];
    for (const f of files) {
      const rel = [dir, f.webkitRelativePath || f.name].filter(Boolean).join('/');
      const res = await this.#rest.sendBytes(
        'PUT',
        `${FILES}${encodePath(rel)}`,
        f,
        f.type || 'application/octet-stream',
      );
      if (!res.ok) {
        this.#set({
          files: {
            ...this.state.files,
            message: done.length ? `Uploaded ${done.join(', ')}` : '',
            error: `${rel}: ${res.text.trim() || res.status}`,
          },
        });
        await this.refreshFiles();
        return;
      }
      done.push(rel);
    }
    this.#set({ files: { ...this.state.files, message: `Uploaded ${done.join(', ')}`, error: '' } });
    await this.refreshFiles();
  }

  async removeFile(path: string): Promise<void> {
    const res = await this.#rest.sendBytes('DELETE', `${FILES}${encodePath(path)}`);
    this.#set({
      files: {
        ...this.state.files,
        message: res.ok ? `Deleted ${path}` : '',
        error: res.ok ? '' : `Delete failed: ${res.text.trim()}`,
      },
    });
    await this.refreshFiles();
  }
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');
