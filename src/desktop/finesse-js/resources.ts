// biome-ignore-all lint/suspicious/noExplicitAny: REST objects hold xml2js data of any shape
/**
 * The other REST classes (gadgets.md §C.6): phone books and contacts, reason codes, wrap-up
 * reasons, the media properties layout, workflows, teams, queues, team messages and SystemInfo.
 * Lists a user reads hang off the User (`/User/{id}/…`); Queue nodes are subscribed explicitly.
 */
import { RestBase } from './rest-base.ts';
import { type ItemClass, RestCollectionBase } from './rest-collection-base.ts';
import { Utilities } from './utilities.ts';

/** A collection of `item` under its parent (`/User/{id}/<type>`), or at the API root. */
function collection(type: string, itemType: string, Item: ItemClass, query = '') {
  return class extends RestCollectionBase {
    override getRestType() {
      return type;
    }
    override getRestItemType() {
      return itemType;
    }
    override getRestItemClass() {
      return Item;
    }
    override getRestUrl() {
      return super.getRestUrl() + query;
    }
  };
}

export class Contact extends RestBase {
  override getRestType() {
    return 'Contact';
  }
  getFirstName(): string {
    return this.getData().firstName ?? '';
  }
  getLastName(): string {
    return this.getData().lastName ?? '';
  }
  getPhoneNumber(): string {
    return this.getData().phoneNumber ?? '';
  }
  getDescription(): string {
    return this.getData().description ?? '';
  }
}

export class Contacts extends collection('Contacts', 'Contact', Contact) {}

export class PhoneBook extends RestBase {
  override getRestType() {
    return 'PhoneBook';
  }
  getName(): string {
    return this.getData().name ?? '';
  }
  getType(): string {
    return this.getData().type ?? '';
  }
  /** The contacts that came inline with the book: `{Contact: obj|array}`. */
  getEmbeddedContacts(): any {
    return this.getData().Contacts ?? null;
  }
  /** All contacts, from the book's own list. */
  getContacts(options?: any): Contacts {
    return new Contacts({ ...options, parentObj: this, doNotSubscribe: true });
  }
}

export class PhoneBooks extends collection('PhoneBooks', 'PhoneBook', PhoneBook) {}

export class ReasonCode extends RestBase {
  override getRestType() {
    return 'ReasonCode';
  }
  getLabel(): string {
    return this.getData().label ?? '';
  }
  getCode(): string {
    return this.getData().code ?? '';
  }
  getCategory(): string {
    return this.getData().category ?? '';
  }
  isSystemCode(): boolean {
    return this.getData().systemCode === 'true';
  }
}

export class ReasonCodes extends RestCollectionBase {
  override getRestType() {
    return 'ReasonCodes';
  }
  override getRestItemType() {
    return 'ReasonCode';
  }
  override getRestItemClass(): ItemClass {
    return ReasonCode;
  }
  /** `category`: NOT_READY or LOGOUT (a query parameter of the list). */
  override getRestUrl() {
    const category = this._options.category;
    return super.getRestUrl() + (category ? `?category=${encodeURIComponent(category)}` : '');
  }
}

export class WrapUpReason extends RestBase {
  override getRestType() {
    return 'WrapUpReason';
  }
  getLabel(): string {
    return this.getData().label ?? '';
  }
}

export class WrapUpReasons extends collection('WrapUpReasons', 'WrapUpReason', WrapUpReason) {}

export class MediaPropertiesLayout extends RestBase {
  override getRestType() {
    return 'MediaPropertiesLayout';
  }
  getName(): string {
    return this.getData().name ?? '';
  }
  getDescription(): string {
    return this.getData().description ?? '';
  }
  getType(): string {
    return this.getData().type ?? '';
  }
  /** Column entries, each `{displayName, mediaProperty}`, as arrays. */
  getColumns(): any[][] {
    return Utilities.getArray(this.getData().column).map((c: any) => Utilities.getArray(c?.entry));
  }
  getHeader(): any[] {
    return Utilities.getArray(this.getData().header?.entry);
  }
}

export class Workflow extends RestBase {
  override getRestType() {
    return 'Workflow';
  }
  getName(): string {
    return this.getData().name ?? '';
  }
  getDescription(): string {
    return this.getData().description ?? '';
  }
  getTriggerSet(): any {
    return this.getData().TriggerSet ?? null;
  }
  getConditionSet(): any {
    return this.getData().ConditionSet ?? null;
  }
  getWorkflowActions(): any[] {
    return Utilities.getArray(this.getData().workflowActions?.WorkflowAction);
  }
}

export class Workflows extends collection('Workflows', 'Workflow', Workflow) {}

export class TeamUser extends RestBase {
  override getRestType() {
    return 'User';
  }
}

export class Team extends RestBase {
  override getRestType() {
    return 'Team';
  }
  getName(): string {
    return this.getData().name ?? '';
  }
  getUri(): string {
    return this.getData().uri ?? this.getRestUrl();
  }
  /** The members as the team lists them: `{loginId, firstName, lastName, state, …}` each. */
  getUsers(): any[] {
    return Utilities.getArray(this.getData().users?.User);
  }
  #sub<T>(Cls: new (o?: any) => T, options?: any): T {
    return new Cls({ ...options, parentObj: this, doNotSubscribe: true });
  }
  getTeamPhoneBooks(options?: any) {
    return this.#sub(PhoneBooks, options);
  }
  getTeamWorkflows(options?: any) {
    return this.#sub(Workflows, options);
  }
  getTeamWrapUpReasons(options?: any) {
    return this.#sub(WrapUpReasons, options);
  }
  getTeamNotReadyReasonCodes(options?: any) {
    return this.#sub(ReasonCodes, { ...options, category: 'NOT_READY' });
  }
  getTeamSignOutReasonCodes(options?: any) {
    return this.#sub(ReasonCodes, { ...options, category: 'LOGOUT' });
  }
}

export class Queue extends RestBase {
  override getRestType() {
    return 'Queue';
  }
  override getRestUrl() {
    return `${this.getBaseRestUrl()}/Queue/${this.getId()}`;
  }
  override get explicitSubscription() {
    return true;
  }
  getName(): string {
    return this.getData().name ?? '';
  }
  getStatistics(): any {
    return this.getData().statistics ?? {};
  }
}

export class Queues extends collection('Queues', 'Queue', Queue) {}

export class TeamMessage extends RestBase {
  override getRestType() {
    return 'TeamMessage';
  }
  getContent(): string {
    return this.getData().content ?? '';
  }
  getCreatedBy(): any {
    return this.getData().createdBy ?? {};
  }
  getCreatedAt(): number {
    return Number(this.getData().createdAt ?? 0);
  }
  getDuration(): number {
    return Number(this.getData().duration ?? 0);
  }
  getTeams(): string[] {
    return Utilities.getArray(this.getData().teams?.team).map(String);
  }
}

/**
 * Messages broadcast to a team: notifications on `/finesse/api/Team/{teamId}/TeamMessages`
 * (supervisors can also list and send them through `/TeamMessage`).
 */
export class TeamMessages extends RestCollectionBase {
  override getRestType() {
    return 'TeamMessages';
  }
  override getRestItemType() {
    return 'TeamMessage';
  }
  override getRestItemClass(): ItemClass {
    return TeamMessage;
  }
  override getRestUrl() {
    return `${this.getBaseRestUrl()}/Team/${this._options.teamId}/TeamMessages`;
  }
  /** Nothing to GET for an agent: the list starts empty and fills from notifications. */
  override _load(_retries: number) {
    const first = !this._loaded;
    this._loaded = true;
    if (first) this._fire('load', this);
  }
}

export class SystemInfo extends RestBase {
  override getRestType() {
    return 'SystemInfo';
  }
  override getRestUrl() {
    return `${this.getBaseRestUrl()}/SystemInfo`;
  }
  getStatus(): string {
    return this.getData().status ?? '';
  }
  getCurrentTimestamp(): string {
    return this.getData().currentTimestamp ?? '';
  }
  getXmppDomain(): string {
    return this.getData().xmppDomain ?? '';
  }
  getXmppPubSubDomain(): string {
    return this.getData().xmppPubSubDomain ?? '';
  }
  getDeploymentType(): string {
    return this.getData().deploymentType ?? '';
  }
  getPrimaryNode(): any {
    return this.getData().primaryNode ?? null;
  }
  getSecondaryNode(): any {
    return this.getData().secondaryNode ?? null;
  }
  isSingleNode(): boolean {
    return !this.getData().secondaryNode?.host;
  }
  getThisHost(): string {
    return this.getPrimaryNode()?.host ?? '';
  }
  getAlternateHost(): string {
    return this.getSecondaryNode()?.host ?? '';
  }
}
