import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { contentScriptOf, floorBuild, FLOORS, floorScript, type Floor } from '../../scripts/lib/bench-floor';
import { DetectService } from '../../src/background/detect';
import type { DetectAnswer } from '../../src/messaging/protocol';
import { refuse } from '../../src/messaging/schemas';
import { HIGHLIGHT_NAMES } from '../../src/page/highlights';
import { FakeStaticRange } from '../page/fake-static-range';

const URL_ = 'https://news.example/2026/12/ankara-talks';
const sender = {
  id: browser.runtime.id,
  url: URL_,
  frameId: 0,
  tab: { id: 7, url: URL_ },
} as unknown as Browser.runtime.MessageSender;

const floor = (id: Floor['id']) => FLOORS.find((f) => f.id === id)!;

class FakeHighlight extends Set<FakeStaticRange> {}

/** The text a drawn range covers. */
const textOf = (r: FakeStaticRange) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset);

/**
 * What a drawing floor drew, held to what it was answered: under the names the manifest's stylesheet
 * paints, one range per mention, each on its text. Returns every range's text and the places'.
 */
function drawnTexts(
  drawn: Map<string, FakeHighlight>,
  answer?: DetectAnswer,
): { all: string[]; places: string[] } {
  expect(answer && !answer.lost).toBe(true);
  expect([...drawn.keys()].sort()).toEqual(Object.values(HIGHLIGHT_NAMES.underline).sort());
  const all = [...drawn.values()].flatMap((h) => [...h].map(textOf));
  expect(all.length).toBe(answer && !answer.lost ? answer.mentions.length / 4 : -1);
  return { all, places: [...drawn.get(HIGHLIGHT_NAMES.underline.place)!].map(textOf) };
}

/**
 * Runs a floor script in this document as Chromium would, its one message going through the background's
 * own guard and detector; resolves with the highlights it registered.
 */
async function runFloor(f: Floor): Promise<{ drawn: Map<string, FakeHighlight>; answer?: DetectAnswer }> {
  const drawn = new Map<string, FakeHighlight>();
  const service = new DetectService();
  let answered: Promise<unknown> | undefined;
  let answer: DetectAnswer | undefined;
  const g = globalThis as Record<string, unknown>;
  vi.stubGlobal('CSS', { highlights: drawn });
  g.chrome = {
    runtime: {
      sendMessage: (message: { bs: number; type: string; payload: unknown }) => {
        expect(message.bs).toBe(1);
        const refused = refuse(message.type, message.payload, sender);
        answered = Promise.resolve(
          refused
            ? { error: refused }
            : { ok: (answer = service.handle(message.payload as never, 'tab 7 frame 0')) },
        );
        return answered;
      },
    },
  };
  g.Highlight = FakeHighlight;
  g.StaticRange = FakeStaticRange;
  new Function(floorScript(f))();
  await answered;
  await new Promise((r) => setTimeout(r));
  return { drawn, answer };
}

describe("bench:page's floor scripts", () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    for (const k of ['chrome', 'Highlight', 'StaticRange', '__backstoryFloorLook'])
      delete (globalThis as Record<string, unknown>)[k];
  });

  it('walk-send-draw speaks names:detect as the background takes it and draws every mention it is answered', async () => {
    document.documentElement.lang = 'en';
    document.body.innerHTML = `<nav><a href="/">Home</a></nav>
      <article><h1>Talks in Ankara</h1>
      <p>Turkish Prime Minister Binali Yıldırım met United Nations envoy Staffan de Mistura in Ankara on
      Monday, as fighting went on around al-Bab.</p><script>var x = "Paris";</script></article>`;
    const { drawn, answer } = await runFloor(floor('walk'));
    const { all, places } = drawnTexts(drawn, answer);
    expect(all).toEqual(expect.arrayContaining(['Binali Yıldırım', 'Ankara']));
    expect(all).not.toContain('Paris');
    expect(places).toContain('Ankara');
  });

  it("scope-look-send-draw judges Backstory's scope and takes the live blog's first look before it sends", async () => {
    document.documentElement.lang = 'en';
    document.body.innerHTML = `<nav><a href="/world/paris">Paris</a> <a href="/world/berlin">Berlin</a></nav>
      <main><h1>Talks in Ankara</h1>
      <p>Turkish Prime Minister Binali Yıldırım met United Nations envoy Staffan de Mistura in Ankara on
      Monday, as fighting went on around al-Bab. The talks are to go on in Geneva next week.</p></main>
      <div><p>Elsewhere: shares in Frankfurt rose on Monday.</p></div>`;
    const { drawn, answer } = await runFloor(floor('scope'));
    const { all, places } = drawnTexts(drawn, answer);
    expect(all).toEqual(expect.arrayContaining(['Binali Yıldırım', 'Ankara', 'Geneva']));
    // The menu and what is outside the story's root are out of its scope: neither sent nor drawn.
    expect(all).not.toContain('Paris');
    expect(all).not.toContain('Frankfurt');
    expect(places).toContain('Ankara');
    expect(window.__backstoryFloorLook).toBe(false);

    // A page whose updates are stamped is not ruled out by the first look.
    document.body.innerHTML = `<main>${['10:05', '10:40', '11:15']
      .map((t) => `<article><time>${t} GMT</time><p>Shelling reported near al-Bab, ${t}.</p></article>`)
      .join('')}</main>`;
    await runFloor(floor('scope'));
    expect(window.__backstoryFloorLook).toBe(true);
  });

  it.each(FLOORS.map((f) => [f.file, f] as const))(
    '%s draws names exactly when its entry says so (the bench stops on a drawing floor that drew none)',
    async (_file, f) => {
      document.body.innerHTML = '<p>Prime Minister Binali Yıldırım spoke in Ankara on Monday.</p>';
      const { drawn, answer } = await runFloor(f);
      const ranges = [...drawn.values()].reduce((n, h) => n + h.size, 0);
      expect(ranges > 0).toBe(f.draws);
      expect(answer !== undefined).toBe(f.draws);
    },
  );
});

describe('floor builds', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are the build with its one content script replaced, and refuse a build whose manifest names none', () => {
    dir = mkdtempSync(join(tmpdir(), 'floor-test-'));
    const build = join(dir, 'build');
    mkdirSync(join(build, 'content-scripts'), { recursive: true });
    const manifest = {
      manifest_version: 3,
      content_scripts: [
        { matches: ['http://127.0.0.1/*'], js: ['content-scripts/content.js'], css: ['c.css'] },
      ],
    };
    writeFileSync(join(build, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(build, 'content-scripts/content.js'), 'backstory();');
    writeFileSync(join(build, 'background.js'), 'background();');
    for (const f of FLOORS) {
      const out = floorBuild(build, f, join(dir, f.id));
      expect(readFileSync(join(out, 'content-scripts/content.js'), 'utf8')).toBe(floorScript(f));
      expect(readFileSync(join(out, 'background.js'), 'utf8')).toBe('background();');
      expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(manifest);
    }
    expect(readFileSync(join(build, 'content-scripts/content.js'), 'utf8')).toBe('backstory();');
    writeFileSync(join(build, 'manifest.json'), JSON.stringify({ manifest_version: 3 }));
    expect(() => contentScriptOf(build)).toThrow(/names 0/);
  });
});
