import type { Kind } from '../detect/types';

export const KIND_LABEL: Record<Kind, string> = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
};

const SUBKIND_LABEL: Record<string, string> = {
  country: 'Country',
  city: 'City',
  town: 'Town',
  region: 'Region',
  'armed-group': 'Armed group',
  media: 'Media',
  party: 'Political party',
  government: 'Government body',
  international: 'International organization',
  company: 'Company',
};

export function kindLabel(kind: Kind, subkind?: string): string {
  return (subkind && SUBKIND_LABEL[subkind]) || KIND_LABEL[kind];
}
