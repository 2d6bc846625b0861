/**
 * What the content script and the card may use of the knowledge module: the answer's types and the pure
 * office helpers (which office was held at an update's time). Everything else here runs in the background.
 */
export type * from './types';
export { formatOffice, heldAt, officeAt, recentOffices } from './positions';
