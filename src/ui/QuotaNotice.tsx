import type { StoreStatus } from '../storage/status';

/** "Storage is full" with its way out, shown by the popup and the options page while it lasts. */
export function QuotaNotice({ status, onClear }: { status: StoreStatus | null; onClear: () => void }) {
  if (!status?.quota) return null;
  return (
    <div class="quota" role="alert">
      <p>
        Backstory’s storage is full
        {status.heldMarks
          ? `: ${status.heldMarks} seen mark${status.heldMarks === 1 ? ' is' : 's are'} kept in memory until there is room`
          : ''}
        . Clearing the saved Wikipedia answers usually makes room.
      </p>
      <button type="button" onClick={onClear}>
        Clear cache
      </button>
    </div>
  );
}
