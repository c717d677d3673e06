import { defineSingleton } from './define.ts';
import type { ObjectOf } from './fields.ts';

/**
 * `ECCVariableConfig` (Finesse developer guide, "ECCVariableConfig"): the ECC (expanded call
 * context) variables of Unified CCE, `<ECCVariableConfig><ECCVariable><name>user.x</name>
 * <length>40</length></ECCVariable>…`, each at most 210 bytes ("The maximum payload per ECC
 * variable (bytes) in Unified UCC is 210"). Finesse reads the list from CCE and only serves it;
 * here the administrator keeps it (PUT is a **Choice**), any signed-in user may read it (finesse.js
 * `ECCVariableConfig.get()` is for gadgets), and the Dialog API accepts on MAKE_CALL and
 * UPDATE_CALL_DATA exactly the ECC variables listed, within their lengths.
 */
export const eccVariableConfig = defineSingleton({
  name: 'ECCVariableConfig',
  kind: 'eccVariableConfig',
  title: 'ECC variables',
  noun: 'ECC variable list',
  readers: 'users',
  hasUri: false,
  fields: {
    variables: {
      type: 'objects',
      label: 'ECC variables',
      item: 'ECCVariable',
      isInline: true,
      key: 'name',
      // CTI server's ECC limit: the named variables of one call must fit one GED-188 message.
      max: 100,
      fields: {
        name: {
          type: 'text',
          label: 'Name',
          min: 1,
          max: 40,
          // Scalar `user.x` or array `user.x[n]` names, as CCE defines them.
          pattern: /^user\.[A-Za-z0-9_.]{1,32}(\[\d{1,3}\])?$/,
          patternHint: 'user.name or user.name[index]',
        },
        length: { type: 'int', label: 'Length', min: 1, max: 210, default: 40 },
      },
    },
  },
});

export type EccVariableConfig = ObjectOf<typeof eccVariableConfig.fields>;
