/** Asking the background for a card's layers, with the answers kept for the page's session. */
import type { Knowledge, KnowledgeRequest } from '../../../knowledge/types';
import { ask } from '../../../messaging/client';
import type { PageMention } from '../../names';
import type { CardState } from './state';

/** The page's other places sent as context (used locally by the background, never sent on). */
const CONTEXT_PLACES = 40;

/** The reader's choices among an unsure card's candidates. */
export interface Picks {
  /** A Wikipedia title. */
  article?: string;
  /** A place among same-named places (`candidateId`). */
  place?: string;
}

export function requestFor(st: CardState, m: PageMention, picks: Picks, requestId: string): KnowledgeRequest {
  const names = st.ctx.names;
  const e = names.entities.get(m.key)!;
  const context = [...names.entities.values()]
    .filter((x) => x.kind === 'place' && x.key !== e.key)
    .sort((a, b) => b.count - a.count)
    .slice(0, CONTEXT_PLACES)
    .map((x) => ({ name: x.name, subkind: x.subkind, geo: x.geo }));
  return {
    name: e.name,
    kind: e.kind,
    subkind: e.subkind,
    aliases: e.aliases,
    roles: e.roles,
    wikiTitle: e.wikiTitle,
    geo: e.geo,
    context,
    pick: picks.article,
    placePick: picks.place,
    site: st.doc.location.hostname || undefined,
    requestId,
  };
}

export interface Pending {
  /** The answer, when this session already has it: the card draws it at once. */
  known?: Knowledge;
  answer: Promise<Knowledge>;
  /** Stops the background's requests if the card closes first. */
  cancel(): void;
}

const cacheKey = (m: PageMention, picks: Picks) => `${m.key}|${picks.article ?? ''}|${picks.place ?? ''}`;

/** The answer this session already has, without asking: nothing leaves the page for a card not opened. */
export function known(st: CardState, m: PageMention, picks: Picks = {}): Knowledge | undefined {
  return st.answers.get(cacheKey(m, picks));
}

export function lookup(st: CardState, m: PageMention, picks: Picks = {}): Pending {
  const key = cacheKey(m, picks);
  const known = st.answers.get(key);
  if (known) return { known, answer: Promise.resolve(known), cancel() {} };
  const requestId = `${Date.now().toString(36)}-${++st.seq}`;
  let settled = false;
  const answer = ask('knowledge:lookup', requestFor(st, m, picks, requestId)).then(
    (k) => {
      settled = true;
      if (k.status !== 'error' && k.status !== 'offline') st.answers.set(key, k);
      return k;
    },
    (): Knowledge => {
      settled = true;
      return { status: 'error' };
    },
  );
  return {
    answer,
    cancel: () => {
      if (!settled) void ask('knowledge:cancel', { requestId }).catch(() => undefined);
    },
  };
}
