/* global chrome, document, NodeFilter, Highlight, StaticRange, CSS */
// bench:page's floor (scripts/lib/bench-floor.ts): the least a content script that underlines a page's
// names can do, in Backstory's own protocol. It walks every text node under the body, sends them all in one
// names:detect message and draws the answer's mentions as highlights. Unlike Backstory it judges no scope
// (menus and footers are sent too), does not look for a live blog, watches nothing and keeps no session.
(() => {
  const KINDS = ['person', 'organization', 'place'];
  const nodes = [];
  const texts = [];
  // Per block, flat: [index, length, langRef] (src/messaging/protocol.ts, DetectRequest).
  const blocks = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const tag = node.parentElement?.tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || !node.data.trim()) continue;
    blocks.push(nodes.length, node.data.length, -1);
    texts.push(node.data);
    nodes.push(node);
  }
  const text = texts.join('');
  const request = {
    session: `floor-${Math.random().toString(36).slice(2)}`,
    open: { htmlLang: document.documentElement.lang || null, sample: text.slice(0, 2000) },
    text,
    blocks,
    langs: [],
  };
  chrome.runtime.sendMessage({ bs: 1, type: 'names:detect', payload: request }).then((answer) => {
    if (!answer || !('ok' in answer)) throw new Error(`names:detect refused: ${answer?.error}`);
    // Mentions, flat: [block, start, end, ref]; the ref's kind is kinds[ref], a code into KINDS.
    const { mentions, kinds } = answer.ok;
    const highlights = KINDS.map(() => new Highlight());
    for (let m = 0; m + 3 < mentions.length; m += 4) {
      const node = nodes[mentions[m]];
      highlights[kinds[mentions[m + 3]]].add(
        new StaticRange({
          startContainer: node,
          startOffset: mentions[m + 1],
          endContainer: node,
          endOffset: mentions[m + 2],
        }),
      );
    }
    KINDS.forEach((kind, i) => CSS.highlights.set(`backstory-${kind}`, highlights[i]));
  });
})();
