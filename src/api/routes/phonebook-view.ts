import type { ConfigStore, PhoneBook } from '../../store/index.ts';
import { answerRange, parseRange } from '../range.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { RouteContext } from '../router.ts';
import { buildPhoneBook, renderContacts, renderPhoneBooks } from '../wire/config.ts';

const rangeOf = (ctx: RouteContext) => {
  const header = ctx.req.headers.range;
  return parseRange(Array.isArray(header) ? header[0] : header, ctx.query.get('range'));
};

/**
 * The phone books a user may dial from, each with its slice of contacts inline, as
 * TeamResource—Get Phone Books answers: contacts of the GLOBAL books first, then of the team's,
 * numbered across all books for `Range: objects=a-b` (at most 6000; 206 when partial).
 */
export async function phoneBooksWithContacts(
  store: ConfigStore,
  books: PhoneBook[],
  ctx: RouteContext,
): Promise<Reply> {
  const range = rangeOf(ctx);
  if (!range.ok) return errorReply(range.error);
  const counts = await Promise.all(books.map((b) => store.countContacts(b.id)));
  const answer = answerRange(
    range.value,
    counts.reduce((a, b) => a + b, 0),
  );
  if (!answer.ok) return errorReply(answer.error);
  let skip = answer.value.offset;
  let left = answer.value.limit;
  const elements = [];
  for (const [i, book] of books.entries()) {
    const from = Math.min(skip, counts[i]);
    const take = Math.min(counts[i] - from, left);
    skip -= from;
    left -= take;
    const contacts = take > 0 ? await store.listContacts(book.id, { offset: from, limit: take }) : [];
    elements.push(buildPhoneBook(book, contacts));
  }
  return xmlReply(answer.value.status, renderPhoneBooks(elements), answer.value.headers);
}

/** `GET /PhoneBook/{id}/Contacts`, ranged the same way. */
export async function contactsOf(store: ConfigStore, bookId: number, ctx: RouteContext): Promise<Reply> {
  const range = rangeOf(ctx);
  if (!range.ok) return errorReply(range.error);
  const answer = answerRange(range.value, await store.countContacts(bookId));
  if (!answer.ok) return errorReply(answer.error);
  const { offset, limit, status, headers } = answer.value;
  const contacts = limit > 0 ? await store.listContacts(bookId, { offset, limit }) : [];
  return xmlReply(status, renderContacts(contacts), headers);
}
