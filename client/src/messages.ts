import type { RefusalCode } from '../../shared/model/index.js';

/**
 * Words the screens show about saving and refusing changes, in one place (not in components), so
 * they can be worded once and translated later. Plain words: the family reads them too.
 */
export const REFUSAL_WORDS: Record<RefusalCode, string> = {
  confirmed: 'the chair had already confirmed it as accurate. You can ask the chair for a change instead.',
  agreed: 'the chair had already marked it as agreed. Ask the chair if it needs to change.',
  'not-yours': 'someone else wrote it. Only they or the chair can change it.',
  'family-first': 'the family gives their scores first. You can score when the chair says so.',
  'hidden-scoring': 'scores are now given in private. Please give yours again.',
  'scores-shown': 'everyone’s scores have been shown, so they can no longer be changed.',
  'too-many': 'there are already as many as there can be.',
  missing: 'it had been taken away meanwhile.',
  'chair-only': 'only the chair can do that.',
  'server-only': 'only the chair can do that.',
  'not-allowed': 'this is for the professionals to give.',
  preparation: 'the meeting has not started yet. This can be done once the chair opens it.',
  'too-long': 'it was too long.',
  'bad-value': 'it was not in a form the record can take.',
  incomplete: 'it was not in a form the record can take.',
  'too-deep': 'it was not in a form the record can take.',
  'unknown-field': 'it was not in a form the record can take.',
  'unknown-root': 'it was not in a form the record can take.',
  malformed: 'it did not arrive whole.',
  shape: 'your screen was out of step with everyone else’s.',
  'as-someone-else': 'your screen was out of step with everyone else’s.',
  'foreign-client': 'your screen was out of step with everyone else’s.',
  immutable: 'your screen was out of step with everyone else’s.',
  unstamped: 'your screen was out of step with everyone else’s.',
  'bad-time': 'this device’s clock is far from the right time.',
  'no-delete': 'things on the record are taken off, never deleted.',
  replace: 'your screen was out of step with everyone else’s.',
  'document-full': 'this conference holds as much as it can, so nothing more can be added. Please tell the chair.',
  quota: 'you have added as much to this conference as one person can.',
  'too-fast': 'things were being added faster than the board takes them. Please wait a moment and add it again.',
};

export const SAVING_WORDS = {
  notSavedTitle: 'Some of your changes were not saved',
  notSaved: (what: string, why: string): string => `${what} was not saved, because ${why}`,
  notSavedAfter: (what: string): string => `${what} was not saved, because it depended on a change that was not saved.`,
  yourWords: 'Your words were:',
  copy: 'Copy my words',
  copied: 'Copied.',
  redone: (n: number): string =>
    n === 1 ? 'One other change of yours was sent again.' : `${n} other changes of yours were sent again.`,
  upToDate: 'Your screen now shows what everyone else sees.',
  dismiss: 'I have read this',
  couldNotSave: 'That could not be saved. Please try again.',
  stageFailed: 'This part of the conference could not be shown.',
  stageFailedHelp: 'The rest of the conference still works: choose another stage, or try this one again.',
  tryAgain: 'Try again',
};

/** What a change was, for "… was not saved": the person's own action in their words. */
export const ACTION_WORDS = {
  addItem: (heading: string): string => `Adding an item to ${heading}`,
  editItem: 'Your change to an item',
  moveItem: 'Moving an item',
  removeItem: 'Taking an item off',
  restoreItem: 'Putting an item back',
  tagItem: 'Saying which children an item is about',
  proposeChange: 'Asking for a change to an item',
  settleProposal: 'Answering a request for a change',
  addPerson: 'Adding someone to the network',
  changePerson: 'Your change to someone in the network',
  willDo: 'What someone in the network will do',
  removePerson: 'Taking someone off the list',
  addPair: 'Adding a danger statement',
  editPair: 'Your change to a danger statement',
  removePair: 'Taking a danger statement away',
  addAction: 'Adding an action to the plan',
  editAction: 'Your change to an action',
  removeAction: 'Taking an action out of the plan',
  contingency: 'Your words in the contingency plan',
  score: 'Your score',
  enterScore: 'A score you entered for someone',
  recommendation: 'Your recommendation',
  apologies: 'The apologies',
  nextSteps: 'The next steps',
  chair: 'A change to the conference',
};
