/**
 * The toolbar popup: this page's updates (time, first line, seen or new; click to jump), mark all seen,
 * and below, the followed live blogs with their unseen counts as of the last visit.
 */
import { useEffect, useState } from 'preact/hooks';
import { canonicalUrl } from '../shared/url';
import type { FollowedPage, PageState, UpdateView } from '../reading/types';

export interface PopupApi {
  /** The page to show: from `?url=`, or the active tab. */
  load(): Promise<{ state: PageState | null; url?: string; site?: SiteInfo }>;
  followed(): Promise<FollowedPage[]>;
  mark(url: string, ids: string[], state: 'seen' | 'new'): Promise<PageState | null>;
  jump(url: string, id: string): Promise<void>;
  enableSite?(): Promise<boolean>;
  /** Calls back with every reading-state change while the popup is open; returns the unsubscribe. */
  watch?(onState: (state: PageState) => void): () => void;
  openOptions?(): void;
}

export interface SiteInfo {
  host: string;
  enabled: boolean;
  builtIn: boolean;
}

/** The update's time of day, and its date when that is not today (a time alone would be ambiguous). */
function when(u: UpdateView): { time: string; date?: string } {
  const d = u.time ? new Date(u.time) : null;
  if (!d || Number.isNaN(d.getTime())) return { time: u.label };
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date().toDateString() ? { time } : { time, date: d.toLocaleDateString([], { month: 'short', day: 'numeric' }) };
}

export function Popup({ api }: { api: PopupApi }) {
  const [state, setState] = useState<PageState | null | undefined>(undefined);
  const [url, setUrl] = useState<string | undefined>();
  const [site, setSite] = useState<SiteInfo | undefined>();
  const [followed, setFollowed] = useState<FollowedPage[]>([]);

  const refresh = async () => {
    const loaded = await api.load();
    setState(loaded.state);
    setUrl(loaded.state?.url ?? loaded.url);
    setSite(loaded.site);
    setFollowed(await api.followed());
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

  if (state === undefined) return <main class="popup" aria-busy="true"><p class="muted">Loading…</p></main>;

  const others = followed.filter((f) => f.url !== state?.url);
  return (
    <main class="popup">
      <header>
        <h1>Backstory</h1>
        {api.openOptions && <button type="button" class="link" onClick={() => api.openOptions!()}>Options</button>}
      </header>
      {site && !site.enabled && (
        <section class="site">
          <p>Backstory is not enabled on {site.host}.</p>
          <button type="button" onClick={async () => (await api.enableSite?.()) && refresh()}>Enable on {site.host}</button>
        </section>
      )}
      {state?.isLiveBlog ? (
        <section aria-labelledby="this-page">
          <h2 id="this-page" class="page-title">{state.title}</h2>
          <div class="summary">
            <span role="status">{state.unseen === 0 ? 'All updates seen' : `${state.unseen} new of ${state.updates.length}`}</span>
            <button type="button" disabled={state.unseen === 0} onClick={() => mark(state.updates.map((u) => u.id), 'seen')}>Mark all seen</button>
          </div>
          <ol class="updates">
            {state.updates.map((u, i) => (
              <li key={u.id} class={`update ${u.state}`} data-update-id={u.id} data-state={u.state}>
                <button type="button" class="jump" onClick={() => api.jump(state.url, u.id)}>
                  <span class="time">
                    {when(u).time}
                    {when(u).date && <small>{when(u).date}</small>}
                  </span>
                  <span class="line">{u.firstLine}</span>
                </button>
                <span class={`badge ${u.state}`}>{u.state === 'seen' ? 'Seen' : 'New'}</span>
                <button type="button" class="toggle" aria-label={u.state === 'seen' ? `Mark “${u.label || u.firstLine}” as new` : `Mark “${u.label || u.firstLine}” as seen`} onClick={() => mark([u.id], u.state === 'seen' ? 'new' : 'seen')}>
                  {u.state === 'seen' ? '↺' : '✓'}
                </button>
                {i > 0 && (
                  <button type="button" class="above" title="Mark this and everything above as seen" aria-label={`Mark “${u.label || u.firstLine}” and everything above it as seen`} disabled={state.updates.slice(0, i + 1).every((x) => x.state === 'seen')} onClick={() => mark(state.updates.slice(0, i + 1).map((x) => x.id), 'seen')}>
                    ⤒
                  </button>
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p class="muted">{state ? 'This page is not a live blog: names get cards, updates are not tracked.' : url ? 'Backstory has not seen this page yet.' : 'No page.'}</p>
      )}
      {others.length > 0 && (
        <section aria-labelledby="followed">
          <h2 id="followed">Followed live blogs</h2>
          <ul class="followed">
            {others.map((f) => (
              <li key={f.url}>
                <a href={f.url} target="_blank" rel="noopener">{f.title || f.url}</a>
                <span class="count">{f.unseen ? `${f.unseen} new` : 'up to date'}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
