import { formatOffice, recentOffices, type PackLine } from '../../knowledge/public';
import { OfficeAt } from '../../ui/OfficeAt';
import type { LayerView } from '../view-contract';

function Pack({ pack, at, showOffices }: { pack: PackLine; at?: string; showOffices: boolean }) {
  return (
    <section class="layer pack" aria-labelledby="bs-l4">
      <h3 class="source" id="bs-l4">
        Context{' '}
        <span class="from">
          · Backstory context pack “{pack.packTitle}”, as of {pack.asOf}
        </span>
      </h3>
      <p>{pack.summary}</p>
      {showOffices && <OfficeAt offices={pack.offices} at={at} source="context pack" />}
      <dl class="facts">
        {pack.sides.length > 0 && (
          <>
            <dt>Side</dt>
            <dd>{pack.sides.join('; ')}</dd>
          </>
        )}
        {pack.backers.length > 0 && (
          <>
            <dt>Backed by</dt>
            <dd>{pack.backers.join(', ')}</dd>
          </>
        )}
        {showOffices && pack.offices.length > 0 && (
          <>
            <dt>Offices</dt>
            <dd>{recentOffices(pack.offices, 3).map(formatOffice).join('; ')}</dd>
          </>
        )}
        {pack.aliases.length > 0 && (
          <>
            <dt>Also called</dt>
            <dd dir="auto">{pack.aliases.join(', ')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

export const view: LayerView = {
  id: 'context',
  needsBackground: true,
  render: (props, k) =>
    k.pack ? <Pack pack={k.pack} at={props.current?.time} showOffices={!k.offices?.length} /> : null,
};
