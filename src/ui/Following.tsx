/**
 * Followed live blogs in the popup and the options page: what checks found while the reader was away
 * (first lines, watched names with their sentence), or why a blog cannot be checked.
 */
import type { FollowedBlog } from '../messaging/protocol';
import type { CantCheck } from '../follow/types';

const REASONS: Record<CantCheck['reason'], string> = {
  'not-enabled': 'Backstory is not enabled on this site: enable it from the toolbar button on the blog',
  'login-wall': 'the site asks to log in',
  'consent-wall': 'the site asks for cookie consent first',
  'script-rendered': 'the page draws its updates with scripts, so its HTML has none',
  'no-entries': 'no updates were found in the page',
  'http-error': 'the site answered with an error',
  'network-error': 'the site could not be reached',
  'too-large': 'the page is too large to read',
};

/** "Can't check in the background: the site asks to log in (HTTP 403)." */
export function cantCheckText(p: CantCheck): string {
  return `Can’t check in the background: ${REASONS[p.reason] ?? p.reason}${p.detail ? ` (${p.detail})` : ''}.`;
}

/** The found updates shown per blog; the rest are counted. */
const SHOWN = 3;

export function FollowingList({
  blogs,
  exclude,
  onOpen,
}: {
  blogs: FollowedBlog[];
  /** The page the popup already shows above. */
  exclude?: string;
  onOpen?(url: string, id?: string): void;
}) {
  const list = blogs.filter((b) => b.url !== exclude);
  if (!list.length) return null;
  return (
    <section aria-labelledby="following">
      <h2 id="following">Following</h2>
      <ul class="followed following">
        {list.map((b) => (
          <li key={b.url} data-follow-url={b.url} data-unseen={b.unseen}>
            <div class="blog">
              <a
                href={b.url}
                target="_blank"
                rel="noopener"
                onClick={(e) => {
                  if (!onOpen) return;
                  e.preventDefault();
                  onOpen(b.url, b.found.at(-1)?.id);
                }}
              >
                {b.title || b.url}
              </a>
              <span class="count">{b.unseen ? `${b.unseen} new` : 'up to date'}</span>
            </div>
            {b.problem && (
              <p class="cant-check" role="note">
                {cantCheckText(b.problem)}
              </p>
            )}
            {b.hits.length > 0 && (
              <ul class="hits" aria-label="Watched names in new updates">
                {b.hits.slice(0, SHOWN).map((h) => (
                  <li key={`${h.watch} ${h.updateId}`}>{h.sentence}</li>
                ))}
              </ul>
            )}
            {b.found.length > 0 && (
              <ol class="found" aria-label={`New updates on ${b.title || b.url}`}>
                {b.found.slice(0, SHOWN).map((f) => (
                  <li key={f.id} data-update-id={f.id}>
                    {f.label && <span class="time">{f.label}</span>} <span class="line">{f.firstLine}</span>
                  </li>
                ))}
                {b.found.length > SHOWN && <li class="more">and {b.found.length - SHOWN} more</li>}
              </ol>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
