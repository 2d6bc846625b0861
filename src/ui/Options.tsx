/** The options page: lookups on or off, hover delay, kinds to underline, reading, data. */
import { useEffect, useState } from 'preact/hooks';
import { KINDS, type Kind } from '../detect/types';
import type { Settings } from '../shared/settings';
import { KIND_LABEL } from './kinds';

export interface OptionsApi {
  load(): Promise<Settings>;
  save(patch: Partial<Settings>): Promise<Settings>;
  clear(what: 'reading' | 'cache' | 'all'): Promise<void>;
  exportFile(): Promise<void>;
  importFile(file: File): Promise<string>;
}

export function Options({ api }: { api: OptionsApi }) {
  const [s, setS] = useState<Settings | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => void api.load().then(setS), []);
  if (!s) return <main aria-busy="true" />;
  const save = async (patch: Partial<Settings>) => setS(await api.save(patch));
  return (
    <main class="options">
      <h1>Backstory options</h1>
      <fieldset>
        <legend>Cards</legend>
        <label><input type="checkbox" checked={s.wikipedia} onChange={(e) => save({ wikipedia: e.currentTarget.checked })} /> Look up Wikipedia when a card opens (only the name is sent, without cookies)</label>
        <label>Hover delay <input type="number" min={0} max={2000} step={50} value={s.hoverDelay} onChange={(e) => save({ hoverDelay: Number(e.currentTarget.value) })} /> ms</label>
        <label>Wikipedia endpoint <input type="url" size={44} value={s.wikipediaEndpoint} onChange={(e) => save({ wikipediaEndpoint: e.currentTarget.value })} /></label>
      </fieldset>
      <fieldset>
        <legend>Underline</legend>
        {KINDS.map((k: Kind) => (
          <label key={k}><input type="checkbox" checked={s.kinds[k]} onChange={(e) => save({ kinds: { ...s.kinds, [k]: e.currentTarget.checked } })} /> {KIND_LABEL[k]}s</label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Reading</legend>
        <label><input type="checkbox" checked={s.autoSeen} onChange={(e) => save({ autoSeen: e.currentTarget.checked })} /> Mark updates seen as I read them</label>
      </fieldset>
      <fieldset>
        <legend>Your data</legend>
        <button type="button" onClick={() => api.exportFile()}>Export reading state</button>
        <label class="file">Import reading state <input type="file" accept="application/json,.json" onChange={async (e) => { const f = e.currentTarget.files?.[0]; if (f) setNote(await api.importFile(f)); }} /></label>
        <button type="button" onClick={async () => { await api.clear('cache'); setNote('Cache cleared.'); }}>Clear cache</button>
        <button type="button" onClick={async () => { if (confirm('Forget every page and update you have seen?')) { await api.clear('all'); setNote('All data cleared.'); } }}>Clear all data</button>
        <p role="status">{note}</p>
      </fieldset>
    </main>
  );
}
