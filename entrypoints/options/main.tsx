import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask } from '../../src/messaging/client';
import { exportAll, importAll } from '../../src/messaging/transfer';
import { loadSettings } from '../../src/shared/settings';
import { Options, type OptionsApi } from '../../src/ui/Options';
import '../../src/ui/options.css';

function download(data: unknown, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const api: OptionsApi = {
  load: loadSettings,
  // The background writes the settings (`settings:set`); every part of the extension reads them.
  save: (patch) => ask('settings:set', patch),
  clear: (what) => ask('data:clear', { what }),
  async exportFile() {
    // In chunks: a message has a size limit a large reading history can pass.
    const data = await exportAll();
    download(data, `backstory-reading-${data.exportedAt.slice(0, 10)}.json`);
  },
  sites: () => ask('site:list', {}),
  removeSite: async (origin) => void (await ask('site:disable', { origin })),
  errors: () => ask('errors:list', {}),
  status: () => ask('status:get', {}),
  exportErrors: (entries) =>
    download(
      { backstory: 'error-log', exportedAt: new Date().toISOString(), entries },
      'backstory-errors.json',
    ),
  clearErrors: () => ask('errors:clear', {}),
  enableSites(origins) {
    // First thing in the click: Firefox refuses permissions.request once anything has been awaited.
    return browser.permissions
      .request({ origins })
      .then((granted) => (granted ? ask('sites:enable', { origins }).then((r) => r.enabled) : []));
  },
  follows: () => ask('follow:list', {}),
  unfollow: async (url) => void (await ask('follow:set', { url, on: false })),
  setNotify(url, on) {
    // First thing in the click: Firefox refuses permissions.request once anything has been awaited.
    const granted = on
      ? browser.permissions.request({ permissions: ['notifications'] })
      : Promise.resolve(true);
    return granted.then((ok) =>
      ok ? ask('follow:patch', { url, notify: on }).then((b) => (b?.notify ?? false) === on) : false,
    );
  },
  setCookies: async (url, on) => void (await ask('follow:patch', { url, cookies: on })),
  checkNow: (url) => ask('follow:check', url ? { url } : {}),
  watches: () => ask('watch:list', {}),
  addWatch: (name) => ask('watch:add', { name }),
  removeWatch: (key) => ask('watch:remove', { key }),
  async importFile(file) {
    try {
      const r = await importAll(JSON.parse(await file.text()));
      const follows =
        r.follows || r.watches ? `, ${r.follows} followed blogs and ${r.watches} watched names` : '';
      return `Imported ${r.pages} pages and ${r.updates} update states${follows}${r.skipped ? ` (${r.skipped} malformed rows left out)` : ''}.`;
    } catch (e) {
      return `Import failed: ${(e as Error).message}`;
    }
  },
};

render(<Options api={api} />, document.getElementById('app')!);
