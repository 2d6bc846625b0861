import { officeAt, type Office } from '../knowledge/public';
import { shortDate } from './card-format';

/** "At the time of this update (24 Nov 2016): Prime Minister of Turkey". */
export function OfficeAt({ offices, at, source }: { offices: Office[]; at?: string; source: string }) {
  const now = officeAt(offices, at);
  if (!now || !at) return null;
  return (
    <p class="office-at">
      At the time of this update ({shortDate(at)}): <strong>{now.label}</strong>{' '}
      <span class="muted">· {source}</span>
    </p>
  );
}
