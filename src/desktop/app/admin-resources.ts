/**
 * The configuration objects an administrator edits, described as data: where they live in the
 * config API, which XML elements they have, and how the form shows them. Paths and element
 * names follow Finesse's config APIs (finesse-api.md §1.1, §1.5–1.7); where Finesse has no
 * equivalent (Users, Teams are CCE-owned in Finesse) Switchboard's own API uses the same style.
 */
import { DECLARED_RESOURCES } from './admin-declared.ts';

export interface FieldSpec {
  name: string;
  label: string;
  /** `rows`: a list of small objects, edited one per line with their fields comma-separated. */
  type: 'text' | 'textarea' | 'number' | 'checkbox' | 'select' | 'password' | 'list' | 'rows';
  options?: string[];
  /** For `list`: `<roles><role>a</role>…</roles>`, edited as comma-separated text. */
  itemName?: string;
  /** For `list` items that are objects: `<users><User><loginId>a</loginId></User>…</users>`. */
  itemField?: string;
  /** For `rows`: each item's fields, in order. */
  itemFields?: string[];
  /** For `rows`: the items are the object's own children, with no `<name>` around them. */
  isInline?: boolean;
  /** What a new object's form starts with. */
  default?: string;
  /** The key cannot change once created (e.g. a user's loginId). */
  readonlyOnEdit?: boolean;
  /** Left out of the body when empty (e.g. an unchanged password). */
  omitEmpty?: boolean;
  hint?: string;
}

export interface ResourceSpec {
  key: string;
  title: string;
  /** Singular, for buttons ("New reason code"). */
  noun: string;
  /** Root element of one object, e.g. `ReasonCode`. */
  element: string;
  listPath: (parentId?: string) => string;
  createPath: (parentId?: string) => string;
  itemPath: (id: string, parentId?: string) => string;
  fields: FieldSpec[];
  /** Field names shown as table columns. */
  columns: string[];
  /** Element holding the id, when it is not `id` or the last segment of `uri`. */
  idField?: string;
  /** Contacts live under a phone book. */
  child?: ResourceSpec;
  /** One object, edited in place (GET/PUT on one path): no New, no Delete. */
  isSingleton?: boolean;
}

const api = '/finesse/api';

const contacts: ResourceSpec = {
  key: 'contacts',
  title: 'Contacts',
  noun: 'contact',
  element: 'Contact',
  listPath: (pb) => `${api}/PhoneBook/${pb}/Contacts`,
  createPath: (pb) => `${api}/PhoneBook/${pb}/Contact`,
  itemPath: (id, pb) => `${api}/PhoneBook/${pb}/Contact/${id}`,
  fields: [
    { name: 'firstName', label: 'First name', type: 'text', hint: 'up to 128 characters' },
    { name: 'lastName', label: 'Last name', type: 'text', hint: 'up to 128 characters' },
    { name: 'phoneNumber', label: 'Phone number', type: 'text', hint: 'up to 32 characters' },
    { name: 'description', label: 'Description', type: 'text', hint: 'up to 128 characters' },
  ],
  columns: ['firstName', 'lastName', 'phoneNumber', 'description'],
};

export const RESOURCES: ResourceSpec[] = [
  {
    key: 'reasoncodes',
    title: 'Reason codes',
    noun: 'reason code',
    element: 'ReasonCode',
    listPath: () => `${api}/ReasonCodes?category=ALL`,
    createPath: () => `${api}/ReasonCode`,
    itemPath: (id) => `${api}/ReasonCode/${id}`,
    fields: [
      { name: 'category', label: 'Category', type: 'select', options: ['NOT_READY', 'LOGOUT'] },
      { name: 'code', label: 'Code', type: 'number', hint: '1–65535, unique per category' },
      { name: 'label', label: 'Label', type: 'text', hint: 'up to 40 characters, unique per category' },
      { name: 'forAll', label: 'Global (all teams)', type: 'checkbox' },
    ],
    columns: ['category', 'code', 'label', 'forAll'],
  },
  {
    key: 'wrapup',
    title: 'Wrap-up reasons',
    noun: 'wrap-up reason',
    element: 'WrapUpReason',
    listPath: () => `${api}/WrapUpReasons`,
    createPath: () => `${api}/WrapUpReason`,
    itemPath: (id) => `${api}/WrapUpReason/${id}`,
    fields: [
      { name: 'label', label: 'Label', type: 'text', hint: 'up to 39 characters' },
      { name: 'forAll', label: 'Global (all teams)', type: 'checkbox' },
    ],
    columns: ['label', 'forAll'],
  },
  {
    key: 'teams',
    title: 'Teams',
    noun: 'team',
    element: 'Team',
    listPath: () => `${api}/Teams`,
    createPath: () => `${api}/Team`,
    itemPath: (id) => `${api}/Team/${id}`,
    fields: [
      {
        name: 'id',
        label: 'Team ID',
        type: 'text',
        readonlyOnEdit: true,
        omitEmpty: true,
        hint: 'empty: the server picks one',
      },
      { name: 'name', label: 'Name', type: 'text' },
      {
        name: 'supervisors',
        label: 'Supervisors',
        type: 'list',
        itemName: 'User',
        itemField: 'loginId',
        hint: 'login IDs, comma-separated',
      },
      {
        name: 'users',
        label: 'Members',
        type: 'list',
        itemName: 'User',
        itemField: 'loginId',
        hint: 'login IDs, comma-separated',
      },
    ],
    columns: ['id', 'name', 'supervisors', 'users'],
  },
  {
    // Switchboard's own resource: Finesse takes users from the contact center, and PUT /User/{id}
    // is the state change, so user configuration lives at /UserConfig (root element still <User>).
    key: 'users',
    title: 'Users',
    noun: 'user',
    element: 'User',
    idField: 'loginId',
    listPath: () => `${api}/UserConfigs`,
    createPath: () => `${api}/UserConfig`,
    itemPath: (id) => `${api}/UserConfig/${id}`,
    fields: [
      { name: 'loginId', label: 'Login ID', type: 'text', readonlyOnEdit: true },
      { name: 'loginName', label: 'Login name', type: 'text' },
      { name: 'firstName', label: 'First name', type: 'text' },
      { name: 'lastName', label: 'Last name', type: 'text' },
      { name: 'password', label: 'Password', type: 'password', omitEmpty: true, hint: 'leave empty to keep' },
      {
        name: 'roles',
        label: 'Roles',
        type: 'list',
        itemName: 'role',
        hint: 'Agent, Supervisor, Administrator',
      },
      { name: 'teamId', label: 'Team ID', type: 'text' },
      {
        name: 'teams',
        label: 'Supervised teams',
        type: 'list',
        itemName: 'Team',
        itemField: 'id',
        hint: 'team IDs, comma-separated',
      },
    ],
    columns: ['loginId', 'loginName', 'firstName', 'lastName', 'roles', 'teamId', 'teams'],
  },
  {
    key: 'phonebooks',
    title: 'Phone books',
    noun: 'phone book',
    element: 'PhoneBook',
    listPath: () => `${api}/PhoneBooks`,
    createPath: () => `${api}/PhoneBook`,
    itemPath: (id) => `${api}/PhoneBook/${id}`,
    fields: [
      { name: 'name', label: 'Name', type: 'text' },
      { name: 'type', label: 'Type', type: 'select', options: ['GLOBAL', 'TEAM'] },
    ],
    columns: ['name', 'type'],
    child: contacts,
  },
];

RESOURCES.push(...DECLARED_RESOURCES);

export const resourceByKey = (key: string) => RESOURCES.find((r) => r.key === key) ?? RESOURCES[0];
