/// <reference lib="dom" />
/**
 * The desktop's composition root: builds the client (log, REST, session with its XMPP
 * connection, admin), renders `<sb-desktop>` from their state, and turns the components' events
 * into requests. Routing is the URL hash (`#/agent`, `#/team`, `#/admin/<object>`, `#/log`);
 * `/desktop/localLog` opens the client log, as on Finesse.
 */
import { createActions } from './actions.ts';
import { Admin } from './admin.ts';
import { ClientLog } from './client/client-log.ts';
import { RestClient } from './client/rest.ts';
import { on } from './components/events.ts';
import { startClock } from './components/format.ts';
import type { Page, SbDesktop } from './components/sb-desktop.ts';
import './components/sb-desktop.ts';
import { loadConfig } from './config.ts';
import { DesktopGadgets } from './gadgets/desktop-gadgets.ts';
import { Ringer } from './ringer.ts';
import { Session, type SignInSecret } from './session.ts';
import { Troubleshooting } from './troubleshooting.ts';

const config = loadConfig(location.search, localStorage);
const log = new ClientLog({ maxEntries: config.logEntries, storage: localStorage });
const shell: SbDesktop =
  document.querySelector('sb-desktop') ?? document.body.appendChild(document.createElement('sb-desktop'));

let session: Session;
let gadgets: DesktopGadgets | undefined;
const rest = new RestClient({
  log,
  timeoutMs: config.requestTimeoutMs,
  // Any request that got no answer at all is a hint the connection is gone: check now, not at the next ping.
  onResponse: (status) => {
    if (status === 0 && session?.data.phase === 'signed-in') void session.conn.check('REST request failed');
  },
});
session = new Session({
  config,
  rest,
  log,
  origin: location.origin,
  onChange: () => render(),
  onUpdate: (u) => gadgets?.notify(u),
  // The other node's REST API is not scriptable from here: continue there, ID and extension filled in.
  onRelocate: (origin, user) => {
    const q = new URLSearchParams({
      failoverFrom: location.host,
      id: user?.loginId ?? '',
      extension: user?.extension ?? '',
    });
    location.assign(`${origin}/desktop/?${q}`);
  },
  // A reload resumes with the session token (renewed as it goes), never with the password.
  onToken: (token) => {
    if (signingIn) storeSignIn({ ...signingIn, token });
  },
});
gadgets = new DesktopGadgets({
  log,
  rest,
  origin: location.origin,
  data: () => session.data,
  subscribeNode: (node) => session.conn.subscribe(node),
  panel: (p) => shell.panel(p),
  onChange: (view) => {
    shell.layout = view;
    render();
  },
  notice: (text) => session.notice('error', text),
});
const ringer = new Ringer();
const admin = new Admin(rest, () => render());
const troubleshooting = new Troubleshooting(rest, () => render());
const actions = createActions(session);

const PAGES: readonly string[] = ['agent', 'team', 'admin', 'troubleshooting', 'log'];
let lastRoute: { page: Page; resource?: string } = { page: 'agent' };

/** Other hashes (the "Skip to content" link's `#main`) leave the page as it is. */
function route(): { page: Page; resource?: string } {
  if (location.pathname.endsWith('/localLog')) return { page: 'log' };
  const [page, resource] = location.hash.replace(/^#\/?/, '').split('/');
  if (PAGES.includes(page)) lastRoute = { page: page as Page, resource };
  else if (location.hash === '' || location.hash === '#') lastRoute = { page: 'agent' };
  return lastRoute;
}

let lastDrift = Number.NaN;
function render(): void {
  const d = session.data;
  // Signed in from another desktop: a reload here must not push that one out in turn.
  if (d.connection === 'replaced') forgetSignIn();
  if (d.phase === 'signed-in') gadgets?.master.connection(d.connection);
  const { page } = route();
  if (d.driftMs !== lastDrift) {
    lastDrift = d.driftMs;
    startClock(lastDrift);
  }
  shell.data = d;
  ringer.update(d);
  shell.admin = admin.state;
  shell.troubleshooting = troubleshooting.state;
  shell.page = page;
  if (page === 'log' || shell.showsLog) shell.logText = log.text();
  document.title = d.user
    ? `${d.user.firstName} ${d.user.lastName} — ${d.user.state} — Switchboard`
    : 'Switchboard';
}

/** Opening the admin page (or another object type on it) loads that object type. */
function syncAdmin(): void {
  const { page, resource } = route();
  if (page !== 'admin' || session.data.phase !== 'signed-in') return;
  const wanted = resource || admin.state.resource;
  if (!admin.loaded || wanted !== admin.state.resource) void admin.open(wanted);
}

window.addEventListener('hashchange', () => {
  render();
  syncAdmin();
});

// After a failover by page load (see onRelocate) the URL brings the ID and extension along.
const params = new URLSearchParams(location.search);
shell.signInDefaults = {
  id: params.get('id') ?? localStorage.getItem('switchboard.desktop.lastId') ?? '',
  extension: params.get('extension') ?? localStorage.getItem('switchboard.desktop.lastExtension') ?? '',
};
const failedFrom = params.get('failoverFrom');
if (failedFrom) {
  log.log('Header', `Failed over from ${failedFrom}`);
  session.notice(
    'info',
    `The connection to ${failedFrom} was lost. Sign in again to continue on ${location.host}.`,
  );
}

/**
 * A reload must not sign the agent out (the server waits for the desktop's presence to come
 * back, see core/presence.ts): the tab keeps its sign-in in sessionStorage, which a reload keeps
 * and closing the tab discards, and a reloaded page signs in again by itself.
 */
const RESUME_KEY = 'switchboard.desktop.session';
type Resume = { id: string; token: string; extension: string };
/** Who is signed in (or signing in), for the resume entry; undefined when signed out. */
let signingIn: { id: string; extension: string } | undefined;
function storedSignIn(): Resume | undefined {
  try {
    const v = JSON.parse(sessionStorage.getItem(RESUME_KEY) ?? 'null') as Resume | null;
    return v && typeof v.id === 'string' && typeof v.token === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
function storeSignIn(r: Resume): void {
  try {
    sessionStorage.setItem(RESUME_KEY, JSON.stringify(r));
  } catch {
    // storage disabled: a reload shows the sign-in page instead
  }
}
function forgetSignIn(): void {
  try {
    sessionStorage.removeItem(RESUME_KEY);
  } catch {
    // storage disabled: nothing was kept
  }
}

async function signIn(id: string, secret: SignInSecret, extension: string): Promise<void> {
  localStorage.setItem('switchboard.desktop.lastId', id);
  localStorage.setItem('switchboard.desktop.lastExtension', extension);
  shell.signInDefaults = { id, extension };
  // A reload (resumed with the token) keeps the gadgets' stored credentials; a new sign-in does not.
  if ('password' in secret) gadgets?.stop();
  signingIn = { id, extension };
  await session.signIn(id, secret, extension);
  if (session.data.phase !== 'signed-in') {
    signingIn = undefined;
    forgetSignIn();
    gadgets?.stop();
  } else {
    // Gadgets sign in as Finesse's do, with Basic (finesse.js); after a reload they keep what the
    // container stored at the first sign-in.
    void gadgets?.start(session.data.user?.loginId ?? id, 'password' in secret ? secret.password : undefined);
  }
  const pages = shell.pagesFor(session.data);
  if (pages.length && !pages.includes(route().page)) location.hash = `#/${pages[0]}`;
  syncAdmin();
}

on(document, 'sb-sign-in', ({ id, password, extension }) => {
  ringer.prepare();
  return signIn(id, { password }, extension);
});
const guard = (p: Promise<unknown>) => p.catch((err: Error) => session.notice('error', err.message));
on(document, 'sb-state', ({ state, reasonCodeId }) => guard(actions.setState(state, reasonCodeId)));
on(document, 'sb-sign-out', ({ reasonCodeId }) =>
  guard(
    session.signOut(reasonCodeId).then(() => {
      if (session.data.phase === 'signed-out') {
        signingIn = undefined;
        forgetSignIn();
        gadgets?.stop();
      }
      admin.reset();
      troubleshooting.reset();
    }),
  ),
);
on(document, 'sb-call-data', ({ dialogId, name, value }) =>
  guard(actions.setCallVariable(dialogId, name, value)),
);
on(document, 'sb-team-message', ({ content, duration, teamIds }) =>
  guard(actions.sendTeamMessage(content, duration, teamIds)),
);
on(document, 'sb-admin-import', ({ file }) => guard(file.text().then((csv) => admin.importContacts(csv))));
on(document, 'sb-admin-export', () => {
  // The download goes through an object URL: nothing leaves the browser.
  const url = URL.createObjectURL(new Blob([admin.exportContacts()], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), {
    href: url,
    download: `${admin.state.parent?.label ?? 'contacts'}.csv`,
  });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});
on(document, 'sb-dialog-action', ({ dialogId, action, toAddress, dtmfString }) =>
  guard(actions.dialog(dialogId, action, { toAddress, dtmfString })),
);
on(document, 'sb-wrap-up', ({ dialogId, reason }) => guard(actions.wrapUp(dialogId, reason)));
on(document, 'sb-make-call', ({ number }) => guard(actions.makeCall(number)));
on(document, 'sb-agent-state', ({ agentId, state }) => guard(actions.setAgentState(agentId, state)));
on(document, 'sb-monitor', ({ agentId, extension, mode }) =>
  guard(actions.monitor(agentId, extension, mode)),
);
on(document, 'sb-error-report', () => guard(actions.sendErrorReport()));
on(document, 'sb-dismiss', ({ id }) => session.dismissNotice(id));
on(document, 'sb-admin-open', ({ resource, parent }) => {
  // A new object type goes through the URL (hashchange loads it); contacts and "back" load directly.
  if (!parent && location.hash !== `#/admin/${resource}`) location.hash = `#/admin/${resource}`;
  else void admin.open(resource, parent);
});
on(document, 'sb-admin-edit', ({ row }) => admin.edit(row));
on(document, 'sb-admin-cancel', () => admin.cancel());
on(document, 'sb-admin-save', ({ values }) => void admin.save(values));
on(document, 'sb-admin-delete', ({ id }) => void admin.remove(id));
on(document, 'sb-layout-open', ({ target }) => void admin.gadgets.openLayout(target));
on(
  document,
  'sb-layout-save',
  ({ target, xml, useDefault }) => void admin.gadgets.saveLayout(target, xml, useDefault),
);
on(document, 'sb-workflow-edit', ({ kind, id }) => admin.gadgets.workflows.edit(kind, id));
on(document, 'sb-workflow-save', ({ kind, values }) => void admin.gadgets.workflows.save(kind, values));
on(document, 'sb-workflow-cancel', () => admin.gadgets.workflows.cancel());
on(document, 'sb-workflow-delete', ({ kind, id }) => void admin.gadgets.workflows.remove(kind, id));
on(document, 'sb-gadget-upload', ({ folder, files }) => void admin.gadgets.upload(folder, files));
on(document, 'sb-gadget-delete', ({ path }) => void admin.gadgets.removeFile(path));
on(document, 'sb-trace', ({ id }) => void troubleshooting.trace(id));
on(document, 'sb-diagnose', () => void troubleshooting.diagnose());

log.log('Container', `Desktop loaded (${navigator.userAgent}); transport ${config.transport}`);
render();
const resume = failedFrom ? undefined : storedSignIn();
if (resume) {
  log.log('Container', `Page reloaded: signing ${resume.id} in again`);
  void signIn(resume.id, { token: resume.token }, resume.extension);
}
