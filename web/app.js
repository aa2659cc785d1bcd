// Page switching by URL hash (#speak, #voices, #status) so each page has a link, the back
// button works and no server-side routing is needed.
import { SpeakPanel } from './speak.js';
import { StatusPanel } from './status.js';
import { VoicesPage } from './voices.js';

const PAGES = ['speak', 'voices', 'status'];

const speak = new SpeakPanel();
const status = new StatusPanel();
const voices = new VoicesPage({
  onUse: (id) => {
    speak.useVoice(id);
    location.hash = '#speak';
  },
  onChanged: () => speak.loadVoices(),
});

function show(page, focus) {
  for (const name of PAGES) {
    document.getElementById(`page-${name}`).hidden = name !== page;
    const link = document.querySelector(`nav a[data-page="${name}"]`);
    if (name === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (page === 'status') status.start(); else status.stop();
  if (page === 'voices') voices.refresh();
  // After a navigation, move focus to the page heading so screen readers announce it.
  if (focus) document.getElementById(`${page}-title`).focus?.();
}

function route(focus) {
  const page = location.hash.slice(1);
  show(PAGES.includes(page) ? page : 'speak', focus);
}

for (const name of PAGES) document.getElementById(`${name}-title`).tabIndex = -1;
window.addEventListener('hashchange', () => route(true));
route(false);
speak.loadVoices();
document.body.dataset.ready = 'true';  // lets tests wait for the scripts to have run
