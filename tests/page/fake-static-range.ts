/** happy-dom has no StaticRange: a plain one, as the browsers' (boundaries kept as given, never moved). */
export class FakeStaticRange {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
  constructor(init: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }) {
    ({
      startContainer: this.startContainer,
      startOffset: this.startOffset,
      endContainer: this.endContainer,
      endOffset: this.endOffset,
    } = init);
  }
  get collapsed() {
    return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
  }
}
