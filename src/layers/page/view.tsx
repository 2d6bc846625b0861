import { Component } from 'preact';
import { formatCount, ordinal, shortDate, shortTime } from '../../ui/card-format';
import type { CardProps, CardUpdateRef, LayerView } from '../view-contract';
import { FollowToggle } from './follow';

/** Updates listed at first; a name in hundreds of updates lists more only when the reader asks. */
export const UPDATES_SHOWN = 8;
const MORE = 100;

/** What names an update in the "mentioned in" list: its printed label, else its place from the top. */
export function updateName(u: CardUpdateRef): string {
  if (u.label.trim()) return u.label.trim();
  if (u.position) return `${ordinal(u.position)} update from the top`;
  return u.firstLine?.trim() || 'An update';
}

/**
 * What follows the name: the date, for a label that prints a clock time but no date ("14:35" → "· 24 Nov
 * 2016"); for an update named by its position, its time as the page stored it. Nothing for a label that
 * already says when ("2 hours ago", "95'", a full date): the page's own words stand.
 */
function updateWhen(u: CardUpdateRef): string | undefined {
  if (!u.time) return undefined;
  const label = u.label.trim();
  if (!label) return shortTime(u.time);
  if (/\d{1,2}\s?(?:[.:h]\s?)?\d{2}/.test(label) && !/\b(19|20)\d{2}\b/.test(label)) return shortDate(u.time);
  return undefined;
}

/** The first `count` updates, moved along so that the card's own update is among them. */
export function visibleUpdates(updates: CardUpdateRef[], current: CardUpdateRef | undefined, count: number) {
  if (updates.length <= count) return updates;
  const at = current ? updates.findIndex((u) => u.id === current.id) : -1;
  const start = at < count ? 0 : Math.min(at - Math.floor(count / 2), updates.length - count);
  return updates.slice(start, start + count);
}

/** A class, not hooks: the content script need not carry preact/hooks for one number. */
class OnThisPage extends Component<CardProps, { count: number }> {
  override state = { count: UPDATES_SHOWN };
  override render() {
    return onThisPage(this.props, this.state.count, (count) => this.setState({ count }));
  }
}

function onThisPage(
  { entity, mentions, position, updates, current, onStep, onJump, follow }: CardProps,
  count: number,
  setCount: (n: number) => void,
) {
  const shown = visibleUpdates(updates, current, count);
  const left = updates.length - shown.length;
  return (
    <section class="layer" aria-labelledby="bs-l1">
      <h3 class="source" id="bs-l1">
        On this page
      </h3>
      <div id="bs-card-page">
        {entity.roles.length > 0 && (
          <p class="roles">
            Described as <span dir="auto">{entity.roles.map((r, i) => (i ? `, “${r}”` : `“${r}”`))}</span>
          </p>
        )}
        <p class="count">
          {mentions === 1 ? 'Mentioned once' : `Mentioned ${formatCount(mentions)} times`}
          {updates.length > 0
            ? `, in ${updates.length === 1 ? '1 update' : `${formatCount(updates.length)} updates`}:`
            : '.'}
        </p>
      </div>
      {updates.length > 0 && (
        <ul class="updates">
          {shown.map((u) => {
            const when = updateWhen(u);
            return (
              <li key={u.id}>
                <button
                  type="button"
                  class="link"
                  aria-current={u.id === current?.id ? 'true' : undefined}
                  onClick={() => onJump(u.id)}
                >
                  {updateName(u)}
                </button>
                {when && <time dateTime={u.time}> · {when}</time>}
              </li>
            );
          })}
        </ul>
      )}
      {left > 0 && (
        <p class="more">
          <button type="button" class="link" onClick={() => setCount(shown.length + MORE)}>
            {left <= MORE ? `Show the other ${left}` : `Show ${MORE} more of ${formatCount(left)}`}
          </button>
        </p>
      )}
      {mentions > 1 && (
        <p class="steps">
          <button type="button" onClick={() => onStep(-1)}>
            ← Previous mention
          </button>
          <span class="muted">
            {position} of {mentions}
          </span>
          <button type="button" onClick={() => onStep(1)}>
            Next mention →
          </button>
        </p>
      )}
      {follow && <FollowToggle control={follow} />}
    </section>
  );
}

export const view: LayerView = {
  id: 'page',
  needsBackground: false,
  render: (props) => <OnThisPage {...props} />,
};
