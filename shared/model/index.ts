export * from './columns.js';
export * from './types.js';
export * from './validation.js';
export * from './errors.js';
export * from './ids.js';
export * from './schema.js';
export * from './rooms.js';
export { initConferenceDoc, isInitialised, schemaVersionOf } from './doc.js';
export * from './people.js';
export * from './records.js';
export * from './text.js';
export * from './cards.js';
export * from './details.js';
export * from './outcomes.js';
export {
  DEFAULT_SCALE_WORDING,
  initChairDoc,
  markAmending,
  markLocked,
  markPreparing,
  markRevealed,
  markSealed,
  markVersion,
  missingChairMaps,
  readChairState,
  recordDecision,
  setAgreed,
  setConfirmed,
  setDisputed,
  setEveryoneMayScore,
  setStage,
  setTimerHidden,
  startTimer,
  stopTimer,
  updateSettings,
  type ChairSettings,
  type ChairState,
  type Decision,
} from './chair.js';
export * from './stages.js';
export * from './network.js';
export * from './dangerStatements.js';
export * from './plan.js';
export * from './contingency.js';
export * from './scores.js';
export * from './recommendations.js';
export * from './nextSteps.js';
export * from './smart.js';
export * from './language.js';
export * from './workingDays.js';
export * from './timescales.js';
export * from './snapshot.js';
export * from './written.js';
export * from './views.js';
export * from './safetyPlan.js';
export * from './versions.js';
export * from './amendments.js';
export * from './export.js';
export * from './review.js';
export * from './seal.js';
export * from './migrations.js';
export * from './rules.js';
export * from './writes.js';
export * from './check.js';
export * from './contributions.js';
export { analyseUpdate, UpdateShapeError, type Fact, type Location } from './updates.js';
