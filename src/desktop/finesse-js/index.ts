/// <reference lib="dom" />
// biome-ignore-all lint/suspicious/noExplicitAny: the `finesse` global is an untyped namespace
/**
 * Switchboard's finesse.js, served at `/desktop/assets/js/finesse.js` (gadgets.md §C, §D), written
 * from Cisco's documented API — never copied. It talks to the desktop only through the gadget
 * runtime's hub and `gadgets.io.makeRequest`; the desktop page holds the one notification
 * connection. Loading it defines the `finesse` namespace, fills `finesse.gadget.Config` from the
 * prefs, and writes the `authorization` pref, as Finesse's own library does (§D.1).
 */

import { ClientLogger } from './client-logger.ts';
import { ClientServices } from './client-services.ts';
import { buildConfig } from './config.ts';
import {
  ContainerServices,
  GadgetViewChangedEvent,
  MaxAvailableHeightChangedEvent,
  TimerTickEvent,
  Topics,
  WorkflowActionEvent,
} from './container-services.ts';
import { Dialog, Dialogs } from './dialog.ts';
import { g } from './gadgets-api.ts';
import {
  Contact,
  Contacts,
  MediaPropertiesLayout,
  PhoneBook,
  PhoneBooks,
  Queue,
  Queues,
  ReasonCode,
  ReasonCodes,
  SystemInfo,
  Team,
  TeamMessage,
  TeamMessages,
  Workflow,
  Workflows,
  WrapUpReason,
  WrapUpReasons,
} from './resources.ts';
import { RestBase } from './rest-base.ts';
import { RestCollectionBase } from './rest-collection-base.ts';
import { TaskActivityNotification } from './task-activity.ts';
import { User } from './user.ts';
import { I18n, Utilities } from './utilities.ts';

const w = globalThis as any;
w.finesse ??= {};
const finesse = w.finesse;
const ns = (name: string) => {
  finesse[name] ??= {};
  return finesse[name];
};

ns('gadget').Config = buildConfig();
Object.assign(ns('clientservices'), {
  ClientServices,
  Topics: { getTopic: (node: string) => node.replace(/^\//, '').replace(/\//g, '.') },
});
ns('cslogger').ClientLogger = ClientLogger;
Object.assign(ns('containerservices'), {
  ContainerServices,
  Topics,
  WorkflowActionEvent,
  TimerTickEvent,
  GadgetViewChangedEvent,
  MaxAvailableHeightChangedEvent,
  TaskActivityNotification,
});
Object.assign(ns('restservices'), {
  RestBase,
  RestCollectionBase,
  User,
  Dialogs,
  Dialog,
  PhoneBooks,
  PhoneBook,
  Contacts,
  Contact,
  ReasonCodes,
  ReasonCode,
  WrapUpReasons,
  WrapUpReason,
  MediaPropertiesLayout,
  Workflows,
  Workflow,
  Team,
  Queue,
  Queues,
  TeamMessages,
  TeamMessage,
  SystemInfo,
});
Object.assign(ns('utilities'), { Utilities, I18n });
// Gadgets put their own modules here (`finesse.modules.MyGadget = …`).
ns('modules');

// finesse.js's last module writes the credentials into the prefs (why `setprefs` is required).
try {
  const Prefs = g()?.Prefs;
  if (Prefs) new Prefs().set('authorization', Utilities.getUserAuthString());
} catch {
  // not inside a gadget: nothing to write
}
