import { Type, type Static, type TSchema } from 'typebox';

/**
 * The HTTP API, declared once. The server's routes validate requests and serialise replies with
 * these schemas (Fastify's TypeBox type provider), /api/docs/openapi.json is generated from them,
 * and the client takes its types from them (type-only imports: TypeBox itself stays out of the
 * client's bundle). Details of a value (a real date, a child's age, the length of a name) are
 * checked by shared/model's clean* functions, which say in plain words what to fix; the schemas
 * say the shape.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Role = Type.Union([Type.Literal('chair'), Type.Literal('professional'), Type.Literal('family')]);
export const InvitedRole = Type.Union([Type.Literal('professional'), Type.Literal('family')]);
export const CredentialKind = Type.Union([
  Type.Literal('chair'),
  Type.Literal('invitation'),
  Type.Literal('lobby'),
  Type.Literal('participant'),
  Type.Literal('declined'),
]);
export type CredentialKind = Static<typeof CredentialKind>;

/**
 * A refusal (shared/api/errors.ts): `error`, the English sentence for logs and other clients; `code`,
 * why, which our screens word in their reader's language with `params` (a count, a date as
 * YYYY-MM-DD, whom to write to); for a refused input (`code` "invalid"), the `field` and the model's
 * `reason` (a ValidationCode). `count` repeats `params.count` for `unrevealed-scores`.
 */
export const ErrorReply = Type.Object({
  error: Type.String({ description: 'The reason in plain English' }),
  code: Type.Optional(Type.String({ description: 'Why, as a code (see shared/api/errors.ts); "invalid" for a refused input' })),
  params: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), { description: 'What the sentence names, for a screen that words `code` itself' }),
  ),
  field: Type.Optional(Type.String({ description: 'The field at fault' })),
  reason: Type.Optional(Type.String({ description: 'For `invalid`: why the field was refused (a ValidationCode of shared/model/errors.ts)' })),
  count: Type.Optional(Type.Integer()),
});
export type ErrorReply = Static<typeof ErrorReply>;

export const ConferenceParams = Type.Object({ id: Type.String({ description: 'The conference id (22 characters)' }) });
export const PersonParams = Type.Object({ id: Type.String(), participantId: Type.String() });
export const InvitationParams = Type.Object({ id: Type.String(), role: Type.String() });
export const PairParams = Type.Object({ id: Type.String(), pairId: Type.String() });

export const NewConference = Type.Object({
  kind: Type.String({ description: 'initial, review or young-person' }),
  date: Type.String({ description: 'YYYY-MM-DD' }),
  caseReference: Type.String(),
  chairName: Type.String(),
  children: Type.Array(Type.Object({ name: Type.String(), age: Type.Number() })),
  autoAdmit: Type.Optional(Type.Boolean()),
  /** Prepare before the meeting ("no surprises"): the chair opens the meeting later. */
  preparation: Type.Optional(Type.Boolean()),
});
export type NewConference = Static<typeof NewConference>;

export const CreatedConference = Type.Object({
  id: Type.String(),
  chairToken: Type.String(),
  professionalToken: Type.String(),
  familyToken: Type.String(),
  links: Type.Object(
    { chair: Type.String(), professional: Type.String(), family: Type.String() },
    { description: 'Paths to open; the token travels in the fragment, so it never reaches a server log.' },
  ),
});
export type CreatedConference = Static<typeof CreatedConference>;

export const Expiry = Type.Object({ idleDays: Type.Integer(), deletedAfterIdleDays: Type.Integer() });

/** What the server says a token is. */
export const Me = Type.Object({
  conferenceId: Type.String(),
  kind: CredentialKind,
  role: Role,
  participantId: Nullable(Type.String()),
  name: Nullable(Type.String()),
  roleLabel: Nullable(Type.String()),
  /** The lead social worker (or an invitation for one). */
  lead: Type.Optional(Type.Boolean()),
  locked: Type.Boolean(),
  expiry: Nullable(Expiry),
});
export type Me = Static<typeof Me>;

export const JoinRequest = Type.Object({ name: Type.String(), roleLabel: Type.String() });
export const Joined = Type.Object({ token: Type.String(), kind: CredentialKind, participantId: Type.String() });
export type Joined = Static<typeof Joined>;

export const Person = Type.Object({
  participantId: Type.String(),
  name: Type.String(),
  roleLabel: Type.String(),
  role: Role,
  since: Type.Number(),
});
export type Person = Static<typeof Person>;

export const Lobby = Type.Object({ waiting: Type.Array(Person), admitted: Type.Array(Person), autoAdmit: Type.Boolean() });
export type Lobby = Static<typeof Lobby>;

export const DeclinedAll = Type.Object({ declined: Type.Integer() });
/** How many of a person's records the chair took off at once. */
export const RemovedContributions = Type.Object({ removed: Type.Integer() });
export const Settings = Type.Object({ autoAdmit: Type.Boolean() });
export const Reissued = Type.Object({ role: Type.Union([InvitedRole, Type.Literal('lead')]), token: Type.String(), link: Type.String() });
export type Reissued = Static<typeof Reissued>;
export const Locked = Type.Object({ lockedAt: Type.Number() });
export const UnrevealedScores = ErrorReply;

export const AuditEntry = Type.Object({
  at: Type.Number(),
  event: Type.String(),
  participantId: Nullable(Type.String()),
  name: Nullable(Type.String()),
  roleLabel: Nullable(Type.String()),
  role: Nullable(Role),
  /** What the event needs besides who and when: the sealed record's SHA-256, a count. Never content. */
  detail: Type.Optional(Nullable(Type.String())),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditTrail = Type.Object({ entries: Type.Array(AuditEntry) });

export const ScoreRequest = Type.Object({
  pairId: Type.String(),
  value: Type.Number(),
  nextStep: Type.String(),
  /** The chair gives the score of someone in the room without a device. */
  for: Type.Optional(Type.Object({ name: Type.String(), roleLabel: Type.String(), role: Type.String() })),
});
export type ScoreRequest = Static<typeof ScoreRequest>;
export const HiddenScores = Type.Object({
  scored: Type.Array(
    Type.Object({
      pairId: Type.String(),
      participantId: Type.String(),
      name: Type.String(),
      roleLabel: Type.String(),
      role: Type.String(),
    }),
  ),
  mine: Type.Array(Type.Object({ pairId: Type.String(), value: Type.Number(), nextStep: Type.String() })),
});
export type HiddenScores = Static<typeof HiddenScores>;
export const Revealed = Type.Object({ revealed: Type.Integer() });

export const Health = Type.Object({
  ok: Type.Boolean(),
  store: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
  redis: Type.Union([Type.Literal('ok'), Type.Literal('down'), Type.Literal('none')]),
  rooms: Type.Integer(),
  connections: Type.Integer(),
  /** Updates checked against the schema and the write rules, and the time the checks took (µs). */
  checks: Type.Object({ updates: Type.Integer(), micros: Type.Integer() }),
});

/** The replies every token-checked route may give besides its own. */
export const REFUSALS = {
  400: ErrorReply,
  401: ErrorReply,
  403: ErrorReply,
  404: ErrorReply,
  409: ErrorReply,
  410: ErrorReply,
  429: ErrorReply,
};
/** An empty reply (204): no schema to check, nothing to send. */
export const NO_CONTENT = Type.Unsafe<void>({ description: 'No content' });
/** The chair's or a person's token, as `Authorization: Bearer <token>`. */
export const BEARER = [{ bearer: [] }];

/** A conference in a chain (initial → review 1 → review 2 …), for `GET /:id/chain`. */
export const ChainLink = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  date: Type.String(),
  reviewNumber: Type.Integer(),
  ended: Type.Boolean(),
});
export const Chain = Type.Object({ conferences: Type.Array(ChainLink) });
export type Chain = Static<typeof Chain>;
export const ReviewDate = Type.Object({ date: Type.String({ description: 'YYYY-MM-DD' }) });
export const Opened = Type.Object({ openedAt: Type.Number() });

/** A part of the record someone can ask to change. */
export const RecordPart = Type.Object({ key: Type.String(), kind: Type.String(), text: Type.String() });

export const AmendmentAsk = Type.Object({
  part: Type.String({ description: 'The part of the record: `cards/<id>`, `dangerPairs/<id>`, `actions/<id>`, `network/<id>`, `safetyPlan/<id>`, `contingency`, `decision`, `nextSteps` or `apologies`' }),
  wrong: Type.String({ description: 'What is wrong' }),
  shouldSay: Type.Optional(Type.String({ description: 'What it should say' })),
});
export type AmendmentAsk = Static<typeof AmendmentAsk>;

export const Amendment = Type.Object({
  id: Type.String(),
  part: Type.String(),
  kind: Type.String(),
  quoted: Type.String(),
  wrong: Type.String(),
  shouldSay: Type.String(),
  participantId: Type.String(),
  name: Type.String(),
  roleLabel: Type.String(),
  askedAt: Type.Number(),
  status: Type.Union([Type.Literal('waiting'), Type.Literal('accepted'), Type.Literal('declined')]),
  answer: Type.String(),
  answeredAt: Nullable(Type.Number()),
  publishedIn: Nullable(Type.Integer()),
});
export type Amendment = Static<typeof Amendment>;

/** Asking for changes after the meeting: until when, whether it is open, the parts, and the requests (the chair sees all; others their own). */
export const Amendments = Type.Object({
  deadline: Type.String({ description: 'The last day to ask, YYYY-MM-DD (five working days after the meeting ended)' }),
  open: Type.Boolean(),
  /** Whom to write to once asking is closed. */
  writeTo: Type.String(),
  /** Once asking is closed: the refusal a request would get (`amendments-closed` or `amendments-closed-chair`, with `date` and `contact`), for screens to word. */
  closed: Type.Optional(ErrorReply),
  amending: Type.Boolean(),
  parts: Type.Array(RecordPart),
  requests: Type.Array(Amendment),
});
export type Amendments = Static<typeof Amendments>;
export const AmendmentParams = Type.Object({ id: Type.String(), amendmentId: Type.String() });
export const AmendmentAnswer = Type.Object({ answer: Type.Optional(Type.String({ description: 'Why it was declined (needed), or a note when accepting' })) });

export const Version = Type.Object({ version: Type.Integer(), hash: Type.String(), publishedAt: Type.Number() });
export type Version = Static<typeof Version>;
export const Versions = Type.Object({ versions: Type.Array(Version) });
export type Versions = Static<typeof Versions>;
export const VersionParams = Type.Object({ id: Type.String(), version: Type.String() });
/** A published version's two documents (Yjs states, base64), from which any screen makes its PDF. */
export const VersionState = Type.Object({ version: Type.Integer(), hash: Type.String(), publishedAt: Type.Number(), board: Type.String(), chair: Type.String() });
export type VersionState = Static<typeof VersionState>;
export const Publish = Type.Object({ note: Type.Optional(Type.String({ description: 'Why, for changes nobody asked for' })) });
export type Publish = Static<typeof Publish>;
