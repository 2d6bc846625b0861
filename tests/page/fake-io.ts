/** An IntersectionObserver for happy-dom (whose own does nothing): it says what it observes, reports on demand. */
export type Entries = Array<{ target: Element; isIntersecting: boolean }>;

export class FakeIO {
  static last: FakeIO;
  targets = new Set<Element>();
  constructor(private cb: (entries: Entries) => void) {
    FakeIO.last = this;
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  /** The browser reports elements entering or leaving the (margin-extended) viewport. */
  fire(els: Element[], isIntersecting: boolean) {
    this.cb(els.filter((e) => this.targets.has(e)).map((target) => ({ target, isIntersecting })));
  }
  /** Reports every observed target's state in the (mocked) layout, as a browser does for new targets. */
  fireAll() {
    this.cb(
      [...this.targets].map((target) => {
        const r = target.getBoundingClientRect();
        return { target, isIntersecting: r.bottom > 0 && r.top < window.innerHeight };
      }),
    );
  }
}
