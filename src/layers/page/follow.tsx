/**
 * The page layer's Follow toggle, for a live blog the reader can follow. Whether they follow it is their
 * history, and the card's own shadow root is open: so the toggle is drawn in a CLOSED shadow root of its
 * own, and its two labels take the same room, so a page can read neither the state nor a size that
 * depends on it. It speaks to the background through `FollowControl` (the popup's `follow:list` and
 * `follow:set`, for this page only) and shows a change made elsewhere while the card is open.
 */
import { Component, createRef, render } from 'preact';
import { adoptCss } from '../../dom/css';
import type { FollowControl } from '../view-contract';

/** Colours and font come from the card (custom properties and inherited values cross the shadow boundary). */
export const FOLLOW_CSS = `
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; margin: 6px 0 2px; }
button { display: inline-grid; font: inherit; font-size: 13px; line-height: 1.3; color: var(--fg); background: var(--btn); border: 1px solid var(--border); border-radius: 4px; padding: 2px 10px; margin: 0; cursor: pointer; }
button > span { grid-area: 1 / 1; }
button:not([aria-pressed='true']) > .on, button[aria-pressed='true'] > .off { visibility: hidden; }
button[aria-pressed='true'] { color: #fff; background: var(--brand); border-color: var(--brand); }
button:disabled { cursor: default; opacity: 0.6; }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.hint { font-size: 12px; color: var(--muted); }
@media (forced-colors: active) { button[aria-pressed='true'] { border-width: 3px; } }
`;

interface State {
  /** null until the background has answered. */
  following: boolean | null;
  busy: boolean;
}

export class FollowToggle extends Component<{ control: FollowControl }, State> {
  override state: State = { following: this.props.control.known?.() ?? null, busy: false };
  private host = createRef<HTMLDivElement>();
  private mount: HTMLElement | null = null;
  private stop = () => {};
  private alive = true;

  override componentDidMount() {
    const el = this.host.current!;
    const root = el.attachShadow({ mode: 'closed' });
    adoptCss(el.ownerDocument, root, FOLLOW_CSS);
    // Preact owns this element's children only (a fallback <style> beside it stays).
    this.mount = el.ownerDocument.createElement('div');
    root.appendChild(this.mount);
    const { control } = this.props;
    this.stop = control.watch((following) => this.alive && this.setState({ following }));
    const drawn = this.state.following;
    control.get().then(
      // A change heard meanwhile is newer than this answer; the same state as drawn changes nothing.
      (following) =>
        this.alive &&
        this.state.following === drawn &&
        following !== drawn &&
        !this.state.busy &&
        this.setState({ following }),
      () => undefined,
    );
    this.draw();
  }

  override componentDidUpdate() {
    this.draw();
  }

  override componentWillUnmount() {
    this.alive = false;
    this.stop();
    if (this.mount) render(null, this.mount);
  }

  private toggle = () => {
    const { following, busy } = this.state;
    // Not disabled while it asks: a focused button that turns disabled drops the keyboard reader's focus.
    if (following === null || busy) return;
    this.setState({ busy: true });
    this.props.control.set(!following).then(
      (now) => this.alive && this.setState({ following: now, busy: false }),
      () => this.alive && this.setState({ busy: false }),
    );
  };

  private draw() {
    if (!this.mount) return;
    const { following } = this.state;
    render(
      <p class="row">
        <button
          type="button"
          aria-pressed={following === null ? undefined : following}
          aria-busy={following === null ? 'true' : undefined}
          disabled={following === null}
          onClick={this.toggle}
        >
          <span class="off">Follow</span>
          <span class="on">Following</span>
        </button>
        <span class="hint">Hear of new updates while this blog is closed.</span>
      </p>,
      this.mount,
    );
  }

  override render() {
    return <div ref={this.host} class="follow" />;
  }
}
