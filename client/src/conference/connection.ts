import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { chairRoomName, parseRefusalReason, REMOVED_REASON, type AccessRole, type Author, type Refusal } from '../../../shared/model/index.js';
import type { Translator } from '../i18n/translate';

export type ConnectionStatus =
  /** First connection, not yet synced: the board is not shown until it is. */
  | { kind: 'connecting' }
  | { kind: 'live' }
  /** Lost the connection after having been live; `pending` local changes wait to be sent. */
  | { kind: 'reconnecting'; pending: number }
  /**
   * The server refused the connection for good (e.g. the link is not valid any more): the screen
   * words `code`; `removed` when the chair removed this person.
   */
  | { kind: 'closed'; code: number; removed?: boolean };

export interface ConnectionState {
  status: ConnectionStatus;
  /** True once the document has synced with the server at least once. */
  loaded: boolean;
}

/** Who is shown in the presence list: what each browser puts in its awareness state. */
export interface PresenceUser extends Author {
  clientId: number;
}

export type DocName = 'board' | 'chair';

/**
 * One change this screen made, remembered until it is known to be stored: what it was, in the
 * person's words, and how to make it again on a fresh copy of the conference.
 */
export interface LoggedAction {
  doc: DocName;
  /** The Yjs clock of this screen's client after the change: stored once the server's clock reaches it. */
  clock: number;
  /** What was done, for the person, in the screen's language: "Adding an item to What is going well". */
  description: (i18n: Translator) => string;
  /** The words the person wrote, if any, so they are never lost. */
  words: string;
  /** The record it touched (`cards/<id>`), to match a refusal. */
  target: string;
  /** Makes the same change on a fresh connection; throws when it no longer can be made. */
  redo: (connection: ConferenceConnection) => void;
}

/** The server refused one of this screen's changes: the screen starts again from the server's copy. */
export interface RefusedChanges {
  refusal: Refusal;
  doc: DocName;
  /** This screen's client ids in the refused copies, to tell which changes the server had stored. */
  clientIds: Record<DocName, number>;
  actions: LoggedAction[];
}

const MAX_LOG = 100;

/**
 * One browser's live connection to a conference: the board's Y.Doc and the chair's Y.Doc, each with
 * a stock y-websocket provider, and the connection status for the screen. Nothing is written to the
 * device: the documents live in memory only, and on a reconnect the provider sends whatever changed
 * meanwhile.
 *
 * When the server refuses a change (4403: someone else's item, a confirmed item, …), this copy of
 * the conference is out of step with the record. The connection reports it (`onRefused`) with the
 * changes it made, and the screen opens a fresh connection that starts from the server's copy.
 */
export class ConferenceConnection {
  readonly doc = new Y.Doc();
  /** The chair's document: stage, lock and other state only the chair may change. */
  readonly chairDoc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly chairProvider: WebsocketProvider;
  readonly state: StoreApi<ConnectionState>;
  readonly actions: LoggedAction[] = [];
  /** The refusal this connection was opened to recover from, if any. */
  catchingUp: RefusedChanges | null = null;
  private pending = 0;

  constructor(
    readonly conferenceId: string,
    token: string,
    readonly role: AccessRole,
    onRefused: (refused: RefusedChanges) => void = () => undefined,
  ) {
    const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
    this.state = createStore<ConnectionState>(() => ({ status: { kind: 'connecting' }, loaded: false }));
    // The token travels in the Sec-WebSocket-Protocol header, not the URL, so that proxies' access
    // logs never hold it (the server still accepts `?token=` from stock clients).
    const options = { protocols: ['conference-board', `cb-token.${token}`], disableBc: true, maxBackoffTime: 5000 };
    this.provider = new WebsocketProvider(wsUrl, conferenceId, this.doc, options);
    this.chairProvider = new WebsocketProvider(wsUrl, chairRoomName(conferenceId), this.chairDoc, options);
    const onSync = (): void => {
      if (this.provider.synced && this.chairProvider.synced) {
        this.pending = 0;
        this.state.setState({ status: { kind: 'live' }, loaded: true });
      }
    };
    this.provider.on('sync', onSync);
    this.chairProvider.on('sync', onSync);
    const onClosed =
      (doc: DocName) =>
      ({ code, reason }: { code: number; reason: string }) => {
        const refusal = code === 4403 ? parseRefusalReason(reason) : null;
        if (refusal) {
          onRefused({
            refusal,
            doc,
            clientIds: { board: this.doc.clientID, chair: this.chairDoc.clientID },
            actions: [...this.actions],
          });
          return;
        }
        this.state.setState({ status: { kind: 'closed', code, removed: code === 4403 && reason === REMOVED_REASON } });
      };
    this.provider.on('closed', onClosed('board'));
    this.chairProvider.on('closed', onClosed('chair'));
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected' && this.state.getState().status.kind !== 'closed') {
        this.state.setState({ status: { kind: 'reconnecting', pending: this.pending } });
      }
    });
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      const { status } = this.state.getState();
      if (status.kind === 'reconnecting') {
        this.pending++;
        this.state.setState({ status: { kind: 'reconnecting', pending: this.pending } });
      }
    });
  }

  docOf(name: DocName): Y.Doc {
    return name === 'board' ? this.doc : this.chairDoc;
  }

  /** Remembers a change this screen just made (see LoggedAction). */
  remember(action: Omit<LoggedAction, 'clock'>): void {
    const doc = this.docOf(action.doc);
    this.actions.push({ ...action, clock: Y.getState(doc.store, doc.clientID) });
    if (this.actions.length > MAX_LOG) this.actions.splice(0, this.actions.length - MAX_LOG);
  }

  /** Shows this person in "who is here"; a view (the wall) shows nobody: `null`. */
  setPresence(me: Author | null): void {
    this.provider.awareness.setLocalStateField('user', me);
  }

  destroy(): void {
    this.provider.destroy();
    this.chairProvider.destroy();
    this.doc.destroy();
    this.chairDoc.destroy();
  }
}

/**
 * Once a fresh connection has synced after a refusal: which of the remembered changes the server
 * never stored. The refused change (and anything after it on the same record) is reported; the
 * others are made again on the fresh copy, so nothing else typed is lost.
 */
export function catchUp(
  fresh: ConferenceConnection,
  refused: RefusedChanges,
): { notSaved: Array<{ action: LoggedAction; refusal: Refusal | null }>; redone: number } {
  const storedUpTo = (doc: DocName): number => Y.getState(fresh.docOf(doc).store, refused.clientIds[doc]);
  const unsaved = refused.actions.filter((a) => a.clock > storedUpTo(a.doc));
  // The refused change is the one on the record the server named (all changes to it), or else the
  // first change the server did not store on the refused document: everything before it was stored.
  const onRecord = unsaved.filter((a) => a.target === refused.refusal.where);
  const blamed = new Set(onRecord.length > 0 ? onRecord : unsaved.filter((a) => a.doc === refused.doc).slice(0, 1));
  const notSaved: Array<{ action: LoggedAction; refusal: Refusal | null }> = [];
  let redone = 0;
  for (const action of unsaved) {
    if (blamed.has(action)) {
      notSaved.push({ action, refusal: refused.refusal });
      continue;
    }
    try {
      action.redo(fresh);
      redone++;
    } catch {
      notSaved.push({ action, refusal: null });
    }
  }
  return { notSaved, redone };
}

/**
 * Who is here: each person once, however many screens they have open (their own screen's entry
 * first, so "(you)" marks it).
 */
export function readPresence(connection: ConferenceConnection): PresenceUser[] {
  const users: PresenceUser[] = [];
  connection.provider.awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: Partial<Author> }).user;
    if (user && typeof user.name === 'string' && typeof user.roleLabel === 'string') {
      users.push({
        clientId,
        id: typeof user.id === 'string' ? user.id : String(clientId),
        name: user.name,
        roleLabel: user.roleLabel,
        role: user.role === 'chair' || user.role === 'family' ? user.role : 'professional',
      });
    }
  });
  const mine = connection.doc.clientID;
  users.sort(
    (a, b) => a.name.localeCompare(b.name) || Number(b.clientId === mine) - Number(a.clientId === mine) || a.clientId - b.clientId,
  );
  const seen = new Set<string>();
  return users.filter((u) => !seen.has(u.id) && Boolean(seen.add(u.id)));
}
