import { startStoryPanel } from '../../src/ui/story-panel-app';
import '../../src/ui/panel.css';

// `?tab=ID`: the panel for that tab opened as a page (tests, the demo); else it follows the active tab.
startStoryPanel(document.getElementById('app')!, new URLSearchParams(location.search).get('tab'));
