// bench:page's floor (scripts/lib/bench-floor.ts), bundled when the bench builds it: Backstory's own first
// pass with nothing around it. It judges the page's scope and walks the story's blocks with the content
// script's code (src/dom), takes the live blog's first look (src/liveblog/first-look.ts), sends every block
// in one names:detect message and draws the answer's mentions as highlights. Unlike Backstory it keeps no
// session, no names index and no observers, reads no settings and draws every mention, not those near the
// viewport.
import { locate, walkBlocks, type TextBlock } from '../../src/dom/blocks';
import { scanRoot } from '../../src/dom/scope';
import { firstLook } from '../../src/liveblog/first-look';
import { STAMPED_MIN } from '../../src/liveblog/stamped';
import { DETECT_KINDS, type DetectAnswer, type DetectRequest } from '../../src/messaging/protocol';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: DetectAnswer } | { error: string } | undefined> };
};

declare global {
  interface Window {
    /** The first look's verdict, on the isolated world's window (tests read it; the page cannot). */
    __backstoryFloorLook?: boolean;
  }
}

(() => {
  const root = scanRoot(document) ?? document.body;
  const blocks: TextBlock[] = [];
  const texts: string[] = [];
  // Per block, flat: [index, length, langRef] (src/messaging/protocol.ts, DetectRequest).
  const flat: number[] = [];
  for (const block of walkBlocks(root)) {
    flat.push(blocks.length, block.text.length, -1);
    texts.push(block.text);
    blocks.push(block);
  }
  const look = firstLook(document, root, STAMPED_MIN);
  window.__backstoryFloorLook = look.stamped || look.markers;
  const text = texts.join('');
  const request: DetectRequest = {
    session: `floor-${Math.random().toString(36).slice(2)}`,
    open: { htmlLang: document.documentElement.lang || null, sample: text.slice(0, 2000) },
    text,
    blocks: flat,
    langs: [],
  };
  void chrome.runtime.sendMessage({ bs: 1, type: 'names:detect', payload: request }).then((answer) => {
    if (!answer || !('ok' in answer)) throw new Error(`names:detect refused: ${answer?.error}`);
    if (answer.ok.lost) return;
    // Mentions, flat: [block, start, end, ref]; the ref's kind is kinds[ref], a code into DETECT_KINDS.
    const { mentions, kinds } = answer.ok;
    const highlights = DETECT_KINDS.map(() => new Highlight());
    for (let m = 0; m + 3 < mentions.length; m += 4) {
      const block = blocks[mentions[m]];
      const start = locate(block, mentions[m + 1], false);
      const end = locate(block, mentions[m + 2], true);
      highlights[kinds[mentions[m + 3]]].add(
        new StaticRange({
          startContainer: start.node,
          startOffset: start.offset,
          endContainer: end.node,
          endOffset: end.offset,
        }),
      );
    }
    // The names the manifest's stylesheet paints (src/page/highlights.css; a test holds them to it).
    DETECT_KINDS.forEach((kind, i) => CSS.highlights.set(`backstory-${kind}`, highlights[i]));
  });
})();
