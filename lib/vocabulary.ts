/** Controlled vocabularies shared by the schema, validation, the UI and the CSV. */

export const EVENT_STATUSES = ['draft', 'published'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const ENTITY_KINDS = [
  'person',
  'organisation',
  'government',
  'legislature',
  'international_body',
  'company',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const ENTITY_KIND_LABELS: Record<EntityKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
  government: 'Government',
  legislature: 'Legislature',
  international_body: 'International body',
  company: 'Company',
};

/** How an entity takes part in an event. */
export const ENTITY_ROLES = [
  'issuer',
  'target',
  'subject',
  'participant',
  'speaker',
  'signatory',
  'addressee',
] as const;
export type EntityRole = (typeof ENTITY_ROLES)[number];

export const ENTITY_ROLE_LABELS: Record<EntityRole, string> = {
  issuer: 'Issuer',
  target: 'Target',
  subject: 'Subject',
  participant: 'Participant',
  speaker: 'Speaker',
  signatory: 'Signatory',
  addressee: 'Addressee',
};

/** Typed links between events. The label reads from the linking event, the inverse from the linked one. */
export const LINK_KINDS = ['responds_to', 'implements', 'amends', 'reverses', 'follows_up', 'related'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LINK_KIND_LABELS: Record<LinkKind, { forward: string; inverse: string }> = {
  responds_to: { forward: 'Responds to', inverse: 'Prompted' },
  implements: { forward: 'Implements', inverse: 'Implemented by' },
  amends: { forward: 'Amends', inverse: 'Amended by' },
  reverses: { forward: 'Reverses', inverse: 'Reversed by' },
  follows_up: { forward: 'Follows up', inverse: 'Followed up by' },
  related: { forward: 'Related to', inverse: 'Related to' },
};

export const REVISION_RECORD_TYPES = ['event', 'entity', 'standing_change'] as const;
export type RevisionRecordType = (typeof REVISION_RECORD_TYPES)[number];

export const REVISION_ACTIONS = ['create', 'update', 'delete', 'restore', 'merge', 'unmerge', 'import'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];
