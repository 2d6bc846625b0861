/** The options page: cards (lookups, images, hover delay), what to underline, sites, reading, your data. */
import { useEffect, useState } from 'preact/hooks';
import { KINDS, type Kind } from '../detect/types';
import type { ErrorEntry } from '../messaging/protocol';
import type { StoreStatus } from '../storage/status';
import { QuotaNotice } from './QuotaNotice';
import type { Settings } from '../shared/settings';
import { KIND_LABEL } from './kinds';
import publishersData from '../shared/publishers.json';
import type { FollowedBlog } from '../messaging/protocol';
import type { WatchRecord } from '../follow/types';
import { cantCheckText } from './Following';

export interface Publisher {
  name: string;
  origins: string[];
}
const PUBLISHERS: Publisher[] = publishersData.publishers;

export interface OptionsApi {
  load(): Promise<Settings>;
  save(patch: Partial<Settings>): Promise<Settings>;
  clear(what: 'reading' | 'cache' | 'all'): Promise<void>;
  exportFile(): Promise<void>;
  importFile(file: File): Promise<string>;
  /** Sites the reader enabled from the popup (origin patterns). */
  sites(): Promise<string[]>;
  removeSite(pattern: string): Promise<void>;
  /** Asks for these origins in one permission prompt (it runs in the click) and turns Backstory on there. */
  enableSites?(origins: string[]): Promise<string[]>;
  /** Failures the content script reported, newest first; export them as a file; clear them. */
  errors?(): Promise<ErrorEntry[]>;
  exportErrors?(entries: ErrorEntry[]): void;
  clearErrors?(): Promise<void>;
  /** Storage health: a full disk is reported here with its way out (clearing the cache). */
  status?(): Promise<StoreStatus>;
  /** Followed blogs and watched names. */
  follows?(): Promise<FollowedBlog[]>;
  unfollow?(url: string): Promise<void>;
  /** Notifications for a blog: turning them on asks for the permission first (it runs in the click). */
  setNotify?(url: string, on: boolean): Promise<boolean>;
  setCookies?(url: string, on: boolean): Promise<void>;
  checkNow?(url?: string): Promise<void>;
  watches?(): Promise<WatchRecord[]>;
  addWatch?(name: string): Promise<WatchRecord | null>;
  removeWatch?(key: string): Promise<void>;
}

/** "https://www.example.com/*" → "www.example.com" (and its scheme when it is not https). */
function siteName(pattern: string): string {
  const m = /^(\w+):\/\/([^/]+)\//.exec(pattern);
  if (!m) return pattern;
  return m[1] === 'https' ? m[2] : `${m[2]} (${m[1]})`;
}

export function Options({ api }: { api: OptionsApi }) {
  const [s, setS] = useState<Settings | null>(null);
  const [sites, setSites] = useState<string[] | null>(null);
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<ErrorEntry[]>([]);
  const [status, setStatus] = useState<StoreStatus | null>(null);
  const [follows, setFollows] = useState<FollowedBlog[] | null>(null);
  const [watches, setWatches] = useState<WatchRecord[] | null>(null);
  const [watchName, setWatchName] = useState('');
  const reloadFollows = () => {
    void api.follows?.().then(setFollows, () => setFollows([]));
    void api.watches?.().then(setWatches, () => setWatches([]));
  };
  useEffect(() => {
    reloadFollows();
    void api.status?.().then(setStatus, () => setStatus(null));
    void api.errors?.().then(setErrors, () => setErrors([]));
    void api.load().then(setS);
    void api.sites().then(setSites, () => setSites([]));
  }, []);
  if (!s) return <main aria-busy="true" />;
  const save = async (patch: Partial<Settings>) => setS(await api.save(patch));
  return (
    <main class="options">
      <h1>Backstory options</h1>
      <QuotaNotice
        status={status}
        onClear={async () => {
          await api.clear('cache');
          setStatus((await api.status?.()) ?? null);
          setNote('Saved Wikipedia and Wikidata answers cleared.');
        }}
      />
      <fieldset>
        <legend>Cards</legend>
        <label>
          <input
            type="checkbox"
            checked={s.wikipedia}
            onChange={(e) => save({ wikipedia: e.currentTarget.checked })}
          />{' '}
          Look up Wikipedia and Wikidata when a card opens
        </label>
        <p class="hint">
          Only the name of the card you open is sent, without cookies. Off: cards show what this page says,
          the map and Backstory’s context packs, all from this device.
        </p>
        <label>
          <input
            type="checkbox"
            checked={s.cardImages}
            disabled={!s.wikipedia}
            onChange={(e) => save({ cardImages: e.currentTarget.checked })}
          />{' '}
          Show the article’s image
        </label>
        <label>
          Hover delay{' '}
          <input
            type="number"
            min={0}
            max={2000}
            step={50}
            value={s.hoverDelay}
            onChange={(e) =>
              save({ hoverDelay: Math.max(0, Math.min(2000, Number(e.currentTarget.value) || 0)) })
            }
          />{' '}
          ms
        </label>
        <p class="hint">
          How long the pointer rests on a name before its card opens. Keyboard: the “next name” and “previous
          name” shortcuts (Alt+Shift+N, Alt+Shift+P; change them in the browser’s extension shortcuts).
        </p>
      </fieldset>
      <fieldset>
        <legend>Underline</legend>
        {KINDS.map((k: Kind) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={s.kinds[k]}
              onChange={(e) => save({ kinds: { ...s.kinds, [k]: e.currentTarget.checked } })}
            />{' '}
            {KIND_LABEL[k]}s
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Sites</legend>
        {sites === null ? (
          <p class="hint">Loading…</p>
        ) : sites.length === 0 ? (
          <p class="hint">
            No site enabled yet. Turn Backstory on for a site from the toolbar button while you are on it.
          </p>
        ) : (
          <ul class="sites" aria-label="Sites where Backstory runs">
            {sites.map((p) => (
              <li key={p}>
                <span>{siteName(p)}</span>{' '}
                <button
                  type="button"
                  aria-label={`Turn off Backstory on ${siteName(p)}`}
                  onClick={async () => {
                    await api.removeSite(p);
                    setSites(await api.sites());
                    setNote(`Backstory is off on ${siteName(p)}.`);
                  }}
                >
                  Turn off
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {api.enableSites && (
        <fieldset>
          <legend>Live-blog publishers</legend>
          <p class="hint">
            Turn Backstory on for several news sites at once: your browser asks once for all you pick. Nothing
            is asked at install.
          </p>
          <ul class="publishers">
            {PUBLISHERS.map((p) => {
              const on = p.origins.every((o) => sites?.includes(o));
              return (
                <li key={p.name}>
                  <label>
                    <input
                      type="checkbox"
                      checked={on || chosen.has(p.name)}
                      disabled={on}
                      onChange={(e) => {
                        const checked = e.currentTarget.checked;
                        setChosen((prev) => {
                          const next = new Set(prev);
                          if (checked) next.add(p.name);
                          else next.delete(p.name);
                          return next;
                        });
                      }}
                    />{' '}
                    {p.name} {on && <span class="hint">(on)</span>}
                  </label>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            disabled={chosen.size === 0}
            onClick={() => {
              const origins = PUBLISHERS.filter((p) => chosen.has(p.name)).flatMap((p) => p.origins);
              // No await before this call: the permission prompt needs the click.
              void api.enableSites!(origins).then(
                async (enabled) => {
                  setSites(await api.sites());
                  setChosen(new Set());
                  setNote(
                    enabled.length
                      ? `Backstory is on for ${enabled.length} more site${enabled.length === 1 ? '' : 's'}.`
                      : 'Nothing was turned on.',
                  );
                },
                () => setNote('Nothing was turned on.'),
              );
            }}
          >
            Turn on for the chosen publishers
          </button>
        </fieldset>
      )}
      <fieldset>
        <legend>Reading</legend>
        <label>
          <input
            type="checkbox"
            checked={s.autoSeen}
            onChange={(e) => save({ autoSeen: e.currentTarget.checked })}
          />{' '}
          Mark updates seen as I read them
        </label>
        <label>
          <input
            type="checkbox"
            checked={s.pageMarkers}
            onChange={(e) => save({ pageMarkers: e.currentTarget.checked })}
          />{' '}
          Show what is new inside the page (markers beside new updates, the “N new” button)
        </label>
        <p class="hint">
          They are drawn where the page’s scripts cannot read them, but a page can tell that something is
          drawn at a point. Off: nothing a page can observe depends on what you have read; the toolbar popup
          still lists what is new.
        </p>
      </fieldset>
      {api.follows && (
        <fieldset>
          <legend>Followed live blogs</legend>
          <p class="hint">
            Backstory fetches each followed blog’s page (that address only) on a schedule while your browser
            is open, and reads it on this device. Follow a blog from the toolbar button while you are on it.
          </p>
          <label>
            Check every{' '}
            <input
              type="number"
              min={1}
              max={1440}
              step={1}
              value={s.followMinutes}
              onChange={(e) =>
                save({ followMinutes: Math.max(1, Math.min(1440, Number(e.currentTarget.value) || 5)) })
              }
            />{' '}
            minutes (slower for blogs that stopped updating or fail)
          </label>
          <label>
            <input
              type="checkbox"
              checked={s.followBadge}
              onChange={(e) => save({ followBadge: e.currentTarget.checked })}
            />{' '}
            On pages that are not live blogs, show the followed blogs’ new updates on the toolbar button
          </label>
          {follows === null ? (
            <p class="hint">Loading…</p>
          ) : follows.length === 0 ? (
            <p class="hint">You follow no live blog yet.</p>
          ) : (
            <ul class="follows" aria-label="Followed live blogs">
              {follows.map((f) => (
                <li key={f.url} data-follow-url={f.url}>
                  <a href={f.url} target="_blank" rel="noopener">
                    {f.title || f.url}
                  </a>{' '}
                  <span class="hint">{f.unseen ? `${f.unseen} new` : 'up to date'}</span>
                  {f.problem && <p class="hint cant-check">{cantCheckText(f.problem)}</p>}
                  <div class="follow-actions">
                    <label>
                      <input
                        type="checkbox"
                        checked={f.notify}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          // No await before this call: the permission prompt needs the click.
                          void api.setNotify?.(f.url, on).then((ok) => {
                            if (on && !ok) setNote('Notifications were not allowed.');
                            reloadFollows();
                          });
                        }}
                      />{' '}
                      Notify me of new updates
                    </label>
                    <label>
                      <input
                        type="checkbox"
                        checked={f.cookies}
                        onChange={async (e) => {
                          await api.setCookies?.(f.url, e.currentTarget.checked);
                          reloadFollows();
                        }}
                      />{' '}
                      Send my cookies for this site (for blogs behind a login)
                    </label>
                    <button
                      type="button"
                      onClick={async () => {
                        await api.checkNow?.(f.url);
                        reloadFollows();
                      }}
                    >
                      Check now
                    </button>{' '}
                    <button
                      type="button"
                      aria-label={`Stop following ${f.title || f.url}`}
                      onClick={async () => {
                        await api.unfollow?.(f.url);
                        reloadFollows();
                        setNote(`No longer following ${f.title || f.url}.`);
                      }}
                    >
                      Unfollow
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      )}
      {api.watches && (
        <fieldset>
          <legend>Watched names</legend>
          <p class="hint">
            When a new update of a followed blog mentions one of these names, the toolbar popup shows the
            sentence (and a notification, where you turned them on). Add one from a name’s card, or here.
          </p>
          {watches && watches.length > 0 ? (
            <ul class="watches" aria-label="Watched names">
              {watches.map((w) => (
                <li key={w.key}>
                  <span>{w.name}</span>{' '}
                  <button
                    type="button"
                    aria-label={`Stop watching ${w.name}`}
                    onClick={async () => {
                      await api.removeWatch?.(w.key);
                      reloadFollows();
                      setNote(`No longer watching ${w.name}.`);
                    }}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p class="hint">No watched names.</p>
          )}
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (!watchName.trim()) return;
              const added = await api.addWatch?.(watchName.trim());
              setWatchName('');
              reloadFollows();
              setNote(added ? `Watching ${added.name}.` : 'That name could not be added.');
            }}
          >
            <label>
              Watch a name{' '}
              <input type="text" value={watchName} onInput={(e) => setWatchName(e.currentTarget.value)} />
            </label>{' '}
            <button type="submit">Watch</button>
          </form>
        </fieldset>
      )}
      <fieldset>
        <legend>Your data</legend>
        <button type="button" onClick={() => api.exportFile()}>
          Export reading state and follows
        </button>
        <label class="file">
          Import reading state and follows{' '}
          <input
            type="file"
            accept="application/json,.json"
            onChange={async (e) => {
              const f = e.currentTarget.files?.[0];
              if (f) setNote(await api.importFile(f));
            }}
          />
        </label>
        <button
          type="button"
          onClick={async () => {
            await api.clear('cache');
            setNote('Saved Wikipedia and Wikidata answers cleared.');
          }}
        >
          Clear cache
        </button>
        <button
          type="button"
          onClick={async () => {
            if (confirm('Forget every page and update you have seen?')) {
              await api.clear('all');
              setNote('All data cleared.');
            }
          }}
        >
          Clear all data
        </button>
      </fieldset>
      {api.errors && (
        <fieldset>
          <legend>Problems</legend>
          {errors.length === 0 ? (
            <p class="hint">No part of Backstory has failed on a page.</p>
          ) : (
            <>
              <p class="hint">
                Parts of Backstory that failed on a page, newest first. Only the site and the error are kept,
                never what the page says.
              </p>
              <ul class="errors" aria-label="Failures on pages">
                {errors.map((e) => (
                  <li key={`${e.origin} ${e.feature} ${e.message}`}>
                    <strong>{e.feature}</strong> on {e.origin}: {e.message}
                    {e.count > 1 ? ` (${e.count} times)` : ''}{' '}
                    <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => api.exportErrors?.(errors)}>
                Export the error log
              </button>{' '}
              <button
                type="button"
                onClick={async () => {
                  await api.clearErrors?.();
                  setErrors([]);
                  setNote('Error log cleared.');
                }}
              >
                Clear the error log
              </button>
            </>
          )}
        </fieldset>
      )}
      <details>
        <summary>Advanced</summary>
        <label>
          Wikipedia REST endpoint{' '}
          <input
            type="url"
            size={44}
            value={s.wikipediaEndpoint}
            onChange={(e) => save({ wikipediaEndpoint: e.currentTarget.value })}
          />
        </label>
        <label>
          Wikidata API endpoint{' '}
          <input
            type="url"
            size={44}
            value={s.wikidataEndpoint}
            onChange={(e) => save({ wikidataEndpoint: e.currentTarget.value })}
          />
        </label>
      </details>
      <p role="status" class="status">
        {note}
      </p>
    </main>
  );
}
