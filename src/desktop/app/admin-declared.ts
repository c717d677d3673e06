/**
 * The admin form of every configuration resource declared as data (`src/resources`): derived
 * from the same declaration the server's routes, XML and validation come from, so that a new
 * resource needs nothing here.
 */
import {
  type FieldSpec as Declared,
  RESOURCES,
  type ResourceSpec as Resource,
  singletonPath,
} from '../../resources/index.ts';
import type { FieldSpec, ResourceSpec } from './admin-resources.ts';

const API = '/finesse/api';

function formField(name: string, f: Declared): FieldSpec {
  const common = { name, label: f.label, hint: f.hint };
  switch (f.type) {
    case 'text':
      return { ...common, type: f.isMultiline ? 'textarea' : 'text', default: f.default };
    case 'int':
      return { ...common, type: 'number', default: String(f.default) };
    case 'bool':
      return { ...common, type: 'checkbox', default: String(f.default) };
    case 'enum':
      return { ...common, type: 'select', options: [...f.values], default: f.default };
    case 'list':
      return { ...common, type: 'list', itemName: f.item, hint: f.hint ?? 'comma-separated' };
    case 'objects': {
      const itemFields = Object.keys(f.fields);
      return {
        ...common,
        type: 'rows',
        itemName: f.item,
        itemFields,
        isInline: f.isInline,
        hint: f.hint ?? `one per line: ${itemFields.join(', ')}`,
      };
    }
  }
}

function formOf(r: Resource): ResourceSpec {
  const fields = Object.entries(r.fields).map(([name, f]) => formField(name, f));
  const common = {
    key: r.kind.toLowerCase(),
    title: r.title,
    noun: r.noun,
    element: r.name,
    fields,
    columns: [...(r.columns ?? fields.slice(0, 4).map((f) => f.name))],
  };
  if (r.shape === 'singleton') {
    const path = `${API}${singletonPath(r)}`;
    return {
      ...common,
      isSingleton: true,
      listPath: () => path,
      createPath: () => path,
      itemPath: () => path,
    };
  }
  return {
    ...common,
    listPath: () => `${API}/${r.many}`,
    createPath: () => `${API}/${r.name}`,
    itemPath: (id) => `${API}/${r.name}/${id}`,
  };
}

export const DECLARED_RESOURCES: ResourceSpec[] = RESOURCES.map(formOf);
