// biome-ignore-all lint/suspicious/noExplicitAny: REST objects hold xml2js data of any shape
/**
 * `finesse.restservices.RestCollectionBase` (gadgets.md §C.6, §D.3): a collection of REST items,
 * `getCollection()` (id → item) and `length`. Items present at load do NOT fire `collectionAdd`
 * (gadgets walk `getCollection()` in `onLoad`); later POSTs do (`collectionAdd(item)`), DELETEs
 * fire `collectionDelete(item)`, and an update naming one item (a PUT whose source is
 * `/finesse/api/Dialog/{id}`) updates that item and fires its `change`.
 */
import { RestBase, takePending } from './rest-base.ts';
import { Utilities } from './utilities.ts';

export type ItemClass = new (options?: any) => RestBase;

export class RestCollectionBase extends RestBase {
  declare _collection: Record<string, RestBase>;
  declare length: number;

  constructor(options?: any) {
    super(options);
    this._collection = {};
    this.length = 0;
  }

  getRestItemType(): string {
    return 'RestBase';
  }

  getRestItemClass(): ItemClass {
    return RestBase;
  }

  getCollection(): Record<string, RestBase> {
    this.isLoaded();
    return this._collection;
  }

  /** The items of a collection body (`{Dialog: obj|array}`) or of a notification's data. */
  _items(data: any): any[] {
    if (!data || typeof data !== 'object') return [];
    const itemKey = this.getRestItemType().toLowerCase();
    const listKey = this.getRestType().toLowerCase();
    for (const [k, v] of Object.entries(data)) {
      if (k.toLowerCase() === itemKey) return Utilities.getArray(v);
      if (k.toLowerCase() === listKey) return this._items(v);
    }
    return [];
  }

  _itemId(item: any): string {
    const id = item?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : Utilities.getId(item?.uri ?? '');
  }

  _newItem(itemData: any): RestBase {
    const Item = this.getRestItemClass();
    return new Item({
      id: this._itemId(itemData),
      data: itemData,
      parentObj: this,
      doNotSubscribe: true,
      doNotRefresh: true,
    });
  }

  /** A (re)load: the first fills quietly; a later one reports what came and went. */
  override _setData(data: any): void {
    const first = !this._loaded;
    this._data = data;
    const seen = new Set<string>();
    for (const itemData of this._items(data)) {
      const id = this._itemId(itemData);
      seen.add(id);
      const have = this._collection[id];
      if (have) {
        have._data = itemData;
        if (!first) have._fire('change', have);
      } else {
        const item = this._newItem(itemData);
        this._collection[id] = item;
        if (!first) this._fire('collectionAdd', item);
      }
    }
    for (const [id, item] of Object.entries(this._collection)) {
      if (seen.has(id)) continue;
      delete this._collection[id];
      if (!first) this._fire('collectionDelete', item);
    }
    this.length = Object.keys(this._collection).length;
  }

  override _onUpdate(data: any): void {
    const update = data?.object?.Update;
    if (!update) return;
    const event = String(update.event ?? '').toUpperCase();
    const payload = update.data ?? {};
    const source = String(update.source ?? '');
    if (payload.apiErrors !== undefined) {
      if (takePending(update.requestId, data.content, payload.apiErrors)) return;
      // The error belongs to an item's request (its URL is the source): the item was asked.
      const item = this._collection[Utilities.getId(source)];
      if (item) item._onUpdate(data);
      return;
    }
    if (!this._loaded) return;
    let items = this._items(payload);
    if (items.length === 0 && event === 'DELETE' && source) items = [{ id: Utilities.getId(source) }];
    for (const itemData of items) {
      const id = this._itemId(itemData) || Utilities.getId(source);
      const have = this._collection[id];
      if (event === 'DELETE') {
        if (!have) continue;
        delete this._collection[id];
        this.length = Object.keys(this._collection).length;
        this._fire('collectionDelete', have);
      } else if (have) {
        have._data = itemData;
        have._fire('change', have);
      } else if (event === 'POST') {
        const item = this._newItem(itemData);
        this._collection[id] = item;
        this.length = Object.keys(this._collection).length;
        this._fire('collectionAdd', item);
      }
    }
  }
}
