import { formatOffice, recentOffices, type Knowledge } from '../../knowledge/public';
import { OfficeAt } from '../../ui/OfficeAt';
import type { LayerView } from '../view-contract';

function age(at: number): string {
  const days = Math.floor((Date.now() - at) / 86_400_000);
  if (days < 1) return 'today';
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

const WHY: Record<Knowledge['status'], string> = {
  ok: '',
  off: 'Wikipedia lookups are off (Backstory options).',
  offline: 'Offline, and not saved on this device yet.',
  'not-found': 'No Wikipedia article found for this name.',
  error: 'Wikipedia could not be reached.',
};

function Background({
  knowledge,
  at,
  onPick,
}: {
  knowledge: Knowledge;
  at?: string;
  onPick: (t: string) => void;
}) {
  const s = knowledge.summary;
  return (
    <section class="layer wiki" aria-labelledby="bs-l3">
      <h3 class="source" id="bs-l3">
        Background <span class="from">· Wikipedia{knowledge.offices?.length ? ', Wikidata' : ''}</span>
        {knowledge.cachedAt !== undefined && <span class="from"> · saved {age(knowledge.cachedAt)}</span>}
      </h3>
      {knowledge.unsure && (
        <p class="unsure" role="note">
          Not sure this is the right article.
          {knowledge.candidates?.length ? ' Other candidates are listed below.' : ''}
        </p>
      )}
      {s ? (
        <div lang={s.lang} dir={s.dir}>
          {s.thumbnail && (
            <img class="thumb" src={s.thumbnail.source} alt="" width={Math.min(88, s.thumbnail.width)} />
          )}
          <p class="title">
            <strong>{s.title}</strong>
            {s.description && <span class="description"> — {s.description}</span>}
          </p>
          {knowledge.offices && <OfficeAt offices={knowledge.offices} at={at} source="Wikidata" />}
          <p class="extract">{s.extract}</p>
          {knowledge.offices && knowledge.offices.length > 0 && (
            <ul class="offices" aria-label="Offices held (Wikidata)">
              {recentOffices(knowledge.offices).map((o, i) => (
                <li key={i}>{formatOffice(o)}</li>
              ))}
            </ul>
          )}
          <p>
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              Read “{s.title}” on Wikipedia
            </a>
          </p>
        </div>
      ) : (
        <p class="muted">{WHY[knowledge.status]}</p>
      )}
      {knowledge.candidates && knowledge.candidates.length > 0 && (
        <div class="candidates">
          <p class="small muted" id="bs-cands">
            {s ? 'Other articles for this name:' : 'Articles for this name:'}
          </p>
          <ul aria-labelledby="bs-cands">
            {knowledge.candidates
              .filter((c) => c.title !== s?.title)
              .map((c) => (
                <li key={c.title}>
                  <button type="button" class="link" onClick={() => onPick(c.title)}>
                    {c.title}
                  </button>
                  {c.description && <span class="muted"> — {c.description}</span>}
                </li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}

export const view: LayerView = {
  id: 'background',
  needsBackground: true,
  render: (props, k) => <Background knowledge={k} at={props.current?.time} onPick={props.onPick} />,
};
