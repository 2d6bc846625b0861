/**
 * The toolbar popup: this page's updates (time, first line, seen or new; click to jump), mark all seen,
 * follow this blog; below, the followed blogs with what background checks found while the reader was
 * away, and the other live blogs they read with their unseen counts as of the last visit.
 */
import { useEffect, useState } from 'preact/hooks';
import { canonicalUrl } from '../shared/url';
import type { StoreStatus } from '../storage/status';
import type { FollowedPage, PageState, UpdateView } from '../reading/types';
import { QuotaNotice } from './QuotaNotice';
import type { FollowedBlog } from '../messaging/protocol';
import { FollowingList } from './Following';

export interface PopupApi {
  /** The page to show: from `?url=`, or the active tab (with what Backstory can do there). */
  load(): Promise<{ state: PageState | null; url?: string; access?: PageAccess }>;
  followed(): Promise<FollowedPage[]>;
  mark(url: string, ids: string[], state: 'seen' | 'new'): Promise<PageState | null>;
  jump(url: string, id: string): Promise<void>;
  /** Must ask the browser for the site's permission before anything else: it runs in the click. */
  enableSite?(): Promise<boolean>;
  /** Starts Backstory in this tab once, with no lasting permission. */
  runOnce?(): Promise<boolean>;
  /** The reader's answer to "Looks like a live blog — track updates?", remembered for the site. */
  answerLiveBlog?(track: boolean): Promise<boolean>;
  /** Calls back with every reading-state change while the popup is open; returns the unsubscribe. */
  watch?(onState: (state: PageState) => void): () => void;
  openOptions?(): void;
  /** Opens the story side panel for this tab; must run within the click (the browsers ask for a gesture). */
  openPanel?(): void;
  /** Storage health; a full disk shows once here with "Clear cache". */
  status?(): Promise<StoreStatus>;
  clearCache?(): Promise<void>;
  /** Followed blogs, checked in the background, newest update first. */
  follows?(): Promise<FollowedBlog[]>;
  /** Follow or unfollow the page shown; answers whether it is followed now. */
  setFollow?(url: string, on: boolean): Promise<boolean>;
  /** Calls back whenever the followed blogs change (a check found updates); returns the unsubscribe. */
  watchFollows?(onChange: () => void): () => void;
  /** Opens a followed blog (at its first unseen update). */
  openFollowed?(url: string, id?: string): void;
}

/** What Backstory can do in the tab the popup was opened on. */
export type PageAccess =
  /** No extension can run there (browser pages, web stores, PDFs). */
  | { kind: 'restricted'; reason: string }
  /** Not enabled on this site and not running in this tab. */
  | { kind: 'off'; host: string }
  /** Enabled on the site, but no content script answers in this tab (it loaded before, or is starting). */
  | { kind: 'enabled'; host: string }
  /** Running in this tab; `site` false when it runs there once only. */
  | {
      kind: 'running';
      host: string;
      site: boolean;
      isLiveBlog: boolean;
      /** Looked at for a live blog yet (false while the names in view come first). */
      looked?: boolean;
      names: number;
      english?: boolean;
      borderline?: boolean;
    };

const localTime = (d: Date) => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * The update's time as the page prints it (its label), with the reader's local time beneath when that
 * reads differently (another zone, or a label that is not a clock time), and the date when not today.
 */
export function when(u: Pick<UpdateView, 'label' | 'time'>): { time: string; local?: string; date?: string } {
  const d = u.time ? new Date(u.time) : null;
  const valid = d && !Number.isNaN(d.getTime());
  const label = u.label.trim();
  if (!valid) return { time: label };
  const local = localTime(d);
  const date =
    d.toDateString() === new Date().toDateString()
      ? undefined
      : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
  if (!label) return { time: local, date };
  return printedClockIs(label, d)
    ? { time: label, date }
    : { time: label, local: `${local} your time`, date };
}

/** Whether the label prints the reader's own clock time of `d` ("18:40", "1840 GMT" in London, "6.40pm"). */
function printedClockIs(label: string, d: Date): boolean {
  const m = /(\d{1,2})[:.h]?(\d{2})(?!\d)\s*(am|pm|a\.m\.|p\.m\.)?/i.exec(label);
  if (!m) return false;
  let hours = Number(m[1]);
  const pm = /^p/i.test(m[3] ?? '');
  if (m[3] && pm && hours < 12) hours += 12;
  if (m[3] && !pm && hours === 12) hours = 0;
  return hours === d.getHours() && Number(m[2]) === d.getMinutes();
}

/** The reader's last two visits fell within a day: the blog is worth suggesting for following. */
export function cameBackToday(
  state: Pick<PageState, 'lastVisit' | 'previousVisit'>,
  now = Date.now(),
): boolean {
  const { lastVisit, previousVisit } = state;
  return (
    lastVisit !== undefined &&
    previousVisit !== undefined &&
    lastVisit - previousVisit < 86_400_000 &&
    now - previousVisit < 86_400_000
  );
}

function names(n: number): string {
  return n === 0 ? 'no names found' : n === 1 ? '1 name on this page' : `${n} names on this page`;
}

export function Popup({ api }: { api: PopupApi }) {
  const [state, setState] = useState<PageState | null | undefined>(undefined);
  const [url, setUrl] = useState<string | undefined>();
  const [access, setAccess] = useState<PageAccess | undefined>();
  const [busy, setBusy] = useState('');
  const [status, setStatus] = useState<StoreStatus | null>(null);
  useEffect(() => void api.status?.().then(setStatus, () => undefined), []);
  const [followed, setFollowed] = useState<FollowedPage[]>([]);
  const [follows, setFollows] = useState<FollowedBlog[]>([]);
  const loadFollows = () => void api.follows?.().then(setFollows, () => undefined);
  useEffect(() => {
    loadFollows();
    return api.watchFollows?.(loadFollows);
  }, []);

  const refresh = async () => {
    const loaded = await api.load();
    setState(loaded.state);
    setUrl(loaded.state?.url ?? loaded.url);
    setAccess(loaded.access);
    setFollowed(await api.followed());
    return loaded;
  };
  /** After Enable or Run once: the content script starts and reports within a moment. */
  const settle = async (what: string) => {
    for (let i = 0; i < 50; i++) {
      const loaded = await refresh();
      const a = loaded.access;
      const ready =
        a?.kind === 'running' &&
        a.looked !== false &&
        (a.isLiveBlog ? loaded.state : !a.borderline || what === 'answer-no');
      // Names come back from the background a moment after the page starts: keep asking for a while
      // rather than say "no names found" about a page whose names are on their way.
      if (ready && (a.names > 0 || !a.english || i >= 40)) break;
      // A page still waiting for the reader's answer (or not ready) is asked for 5 s, as before.
      if (!ready && i >= 24) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    setBusy('');
  };
  const start = (what: string, action: (() => Promise<boolean>) | undefined) => {
    if (!action) return;
    setBusy(what);
    // No await before the action: Enable asks for a permission, which needs the click's user gesture.
    void action().then(
      (ok) => (ok ? settle(what) : setBusy('')),
      () => setBusy(''),
    );
  };
  useEffect(() => void refresh(), []);
  // Stay current while open: the page reports after the popup opened, a live insertion arrives, another
  // tab marks updates seen.
  useEffect(
    () =>
      api.watch?.((next) => {
        if (!url || next.url !== canonicalUrl(url)) return;
        setState(next);
        void api.followed().then(setFollowed);
      }),
    [url],
  );

  const mark = async (ids: string[], to: 'seen' | 'new') => {
    if (!state) return;
    const next = await api.mark(state.url, ids, to);
    if (next) setState(next);
    // With a watch, the background's state:changed for this mark refreshes the list: no second scan here.
    if (!api.watch) setFollowed(await api.followed());
  };

  if (state === undefined)
    return (
      <main class="popup" aria-busy="true">
        <p class="muted">Loading…</p>
      </main>
    );

  const following = new Set(follows.map((f) => f.url));
  const others = followed.filter((f) => f.url !== state?.url && !following.has(f.url));
  const isFollowed = !!state && following.has(state.url);
  const toggleFollow = async () => {
    if (!state || !api.setFollow) return;
    await api.setFollow(state.url, !isFollowed);
    loadFollows();
  };
  return (
    <main class="popup">
      <header>
        <h1>Backstory</h1>
        {api.openOptions && (
          <button type="button" class="link" onClick={() => api.openOptions!()}>
            Options
          </button>
        )}
      </header>
      <QuotaNotice
        status={status}
        onClear={async () => {
          await api.clearCache?.();
          setStatus((await api.status?.()) ?? null);
        }}
      />
      {access?.kind === 'restricted' && (
        <p class="muted" role="status">
          {access.reason}
        </p>
      )}
      {access?.kind === 'off' && (
        <section class="site" aria-label="Turn Backstory on">
          <p>Backstory is off on {access.host}.</p>
          <div class="actions">
            <button type="button" disabled={!!busy} onClick={() => start('enable', api.enableSite)}>
              Enable on {access.host}
            </button>
            <button type="button" disabled={!!busy} onClick={() => start('once', api.runOnce)}>
              Run on this page
            </button>
          </div>
          <p class="hint">
            Enable asks your browser for access to this site only. Run on this page needs no lasting access:
            it stops when you leave the page.
          </p>
        </section>
      )}
      {access?.kind === 'enabled' && (
        <section class="site" aria-label="Backstory on this site">
          <p>Backstory is on for {access.host} but not running in this tab.</p>
          <button type="button" disabled={!!busy} onClick={() => start('once', api.runOnce)}>
            Start on this page
          </button>
        </section>
      )}
      {busy && (
        <p class="muted" role="status">
          Starting Backstory on this page…
        </p>
      )}
      {access?.kind === 'running' && !access.site && (
        <p class="muted">Running on this page only, until you leave it.</p>
      )}
      {access?.kind === 'running' && api.openPanel && (
        <p>
          <button type="button" class="link" onClick={() => api.openPanel!()}>
            Open the story panel
          </button>{' '}
          <span class="muted">who, where and what is new, at a glance</span>
        </p>
      )}
      {access?.kind === 'running' && access.borderline && !access.isLiveBlog && api.answerLiveBlog && (
        <section class="site" aria-label="Track this page's updates?">
          <p>Looks like a live blog — track updates?</p>
          <div class="actions">
            <button
              type="button"
              disabled={!!busy}
              onClick={() => start('answer-yes', () => api.answerLiveBlog!(true))}
            >
              Track updates
            </button>
            <button
              type="button"
              disabled={!!busy}
              onClick={() => start('answer-no', () => api.answerLiveBlog!(false))}
            >
              Not a live blog
            </button>
          </div>
          <p class="hint">Backstory remembers your answer for {access.host}.</p>
        </section>
      )}
      {state?.isLiveBlog ? (
        <section aria-labelledby="this-page">
          <h2 id="this-page" class="page-title">
            {state.title}
          </h2>
          {api.setFollow && (
            <div class="follow-row">
              <button type="button" class="follow" aria-pressed={isFollowed} onClick={toggleFollow}>
                {isFollowed ? 'Following' : 'Follow'}
              </button>
              <span class="hint">
                {isFollowed
                  ? 'Checked in the background while you are away.'
                  : cameBackToday(state)
                    ? 'You came back to this blog today: follow it to hear of new updates while away.'
                    : 'Follow to hear of new updates while this tab is closed.'}
              </span>
            </div>
          )}
          <div class="summary">
            <span role="status">
              {state.unseen === 0 ? 'All updates seen' : `${state.unseen} new of ${state.updates.length}`}
            </span>
            <button
              type="button"
              disabled={state.unseen === 0}
              onClick={() =>
                mark(
                  state.updates.map((u) => u.id),
                  'seen',
                )
              }
            >
              Mark all seen
            </button>
          </div>
          <ol class="updates">
            {state.updates.map((u, i) => (
              <li key={u.id} class={`update ${u.state}`} data-update-id={u.id} data-state={u.state}>
                <button type="button" class="jump" onClick={() => api.jump(state.url, u.id)}>
                  <Time u={u} />
                  <span class="line">{u.firstLine}</span>
                </button>
                <span class={`badge ${u.state}`}>{u.state === 'seen' ? 'Seen' : 'New'}</span>
                <button
                  type="button"
                  class="toggle"
                  title={u.state === 'seen' ? 'Mark as new' : 'Mark as seen'}
                  aria-label={
                    u.state === 'seen'
                      ? `Mark “${u.label || u.firstLine}” as new`
                      : `Mark “${u.label || u.firstLine}” as seen`
                  }
                  onClick={() => mark([u.id], u.state === 'seen' ? 'new' : 'seen')}
                >
                  {u.state === 'seen' ? '↺' : '✓'}
                </button>
                {i > 0 && (
                  <button
                    type="button"
                    class="above"
                    title="Mark this and everything above as seen"
                    aria-label={`Mark “${u.label || u.firstLine}” and everything above it as seen`}
                    disabled={state.updates.slice(0, i + 1).every((x) => x.state === 'seen')}
                    onClick={() =>
                      mark(
                        state.updates.slice(0, i + 1).map((x) => x.id),
                        'seen',
                      )
                    }
                  >
                    ⤒
                  </button>
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <Status access={access} state={state} url={url} />
      )}
      <FollowingList blogs={follows} exclude={state?.url} onOpen={api.openFollowed} />
      {others.length > 0 && (
        <section aria-labelledby="followed">
          <h2 id="followed">{follows.length ? 'Other live blogs you read' : 'Live blogs you read'}</h2>
          <ul class="followed">
            {others.map((f) => (
              <li key={f.url}>
                <a href={f.url} target="_blank" rel="noopener">
                  {f.title || f.url}
                </a>
                <span class="count">{f.unseen ? `${f.unseen} new` : 'up to date'}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

function Time({ u }: { u: UpdateView }) {
  const w = when(u);
  return (
    <span class="time">
      {w.time}
      {w.local && <small class="local">{w.local}</small>}
      {w.date && <small>{w.date}</small>}
    </span>
  );
}

/** The line under the header when there is no update list: never two stories at once. */
function Status({ access, state, url }: { access?: PageAccess; state: PageState | null; url?: string }) {
  if (access && access.kind !== 'running') return null;
  if (access?.kind === 'running') {
    const found = access.english === false ? 'Names: English pages only' : names(access.names);
    const text = access.isLiveBlog
      ? `Reading this live blog · ${found}`
      : access.looked === false
        ? `Looking for live updates · ${found}`
        : `Not a live blog · ${found}`;
    return (
      <p class="muted" role="status">
        {text}
      </p>
    );
  }
  return (
    <p class="muted">
      {state
        ? 'This page is not a live blog: names get cards, updates are not tracked.'
        : url
          ? 'Backstory has not seen this page yet.'
          : 'No page.'}
    </p>
  );
}
