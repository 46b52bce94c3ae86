import type {
  AuditEntry,
  ConferenceRecord,
  ConferenceStore,
  CredentialKind,
  HiddenScore,
  InitialDocument,
  StoredCredential,
} from '../../server/store/store.js';
import { snapshotOf } from '../../server/store/store.js';

/**
 * A store that keeps everything in memory and loses it all when the process ends. For the
 * benchmark only, to compare our relay like for like with peers that keep no documents: never a
 * way to run the product (nothing would survive a restart).
 */
export class MemoryStore implements ConferenceStore {
  private readonly conferences = new Map<string, ConferenceRecord>();
  private readonly credentials = new Map<string, StoredCredential[]>();
  private readonly audits = new Map<string, AuditEntry[]>();
  private readonly scores = new Map<string, HiddenScore[]>();
  private readonly updates = new Map<string, Uint8Array[]>();

  async createConference(conference: ConferenceRecord, credentials: StoredCredential[], documents: InitialDocument[]): Promise<void> {
    this.conferences.set(conference.id, { ...conference });
    this.credentials.set(conference.id, [...credentials]);
    for (const d of documents) this.updates.set(d.room, [...(this.updates.get(d.room) ?? []), d.update]);
  }
  async saveHiddenScore(conferenceId: string, score: HiddenScore): Promise<void> {
    const list = (this.scores.get(conferenceId) ?? []).filter(
      (s) => !(s.pairId === score.pairId && s.participantId === score.participantId),
    );
    this.scores.set(conferenceId, [...list, score]);
  }
  async hiddenScores(conferenceId: string): Promise<HiddenScore[]> {
    return [...(this.scores.get(conferenceId) ?? [])];
  }
  async deleteHiddenScores(conferenceId: string, pairId: string): Promise<void> {
    this.scores.set(
      conferenceId,
      (this.scores.get(conferenceId) ?? []).filter((s) => s.pairId !== pairId),
    );
  }
  async getConference(id: string): Promise<ConferenceRecord | null> {
    const c = this.conferences.get(id);
    return c ? { ...c } : null;
  }
  async setAutoAdmit(id: string, autoAdmit: boolean): Promise<void> {
    const c = this.conferences.get(id);
    if (c) c.autoAdmit = autoAdmit;
  }
  async lock(id: string, at: number): Promise<boolean> {
    const c = this.conferences.get(id);
    if (!c || c.lockedAt !== null) return false;
    c.lockedAt = at;
    return true;
  }
  async credentialsFor(conferenceId: string): Promise<StoredCredential[]> {
    return [...(this.credentials.get(conferenceId) ?? [])];
  }
  async addCredential(conferenceId: string, credential: StoredCredential): Promise<void> {
    this.credentials.set(conferenceId, [...(this.credentials.get(conferenceId) ?? []), credential]);
  }
  async setCredentialKind(conferenceId: string, participantId: string, from: CredentialKind, to: CredentialKind): Promise<boolean> {
    let changed = false;
    for (const c of this.credentials.get(conferenceId) ?? []) {
      if (c.participantId === participantId && c.kind === from && c.revokedAt === null) {
        c.kind = to;
        changed = true;
      }
    }
    return changed;
  }
  async revokeInvitations(conferenceId: string, role: string, at: number): Promise<number> {
    let n = 0;
    for (const c of this.credentials.get(conferenceId) ?? []) {
      if (c.kind === 'invitation' && c.role === role && c.revokedAt === null) {
        c.revokedAt = at;
        n++;
      }
    }
    return n;
  }
  async audit(conferenceId: string, entry: AuditEntry): Promise<void> {
    this.audits.set(conferenceId, [...(this.audits.get(conferenceId) ?? []), entry]);
  }
  async auditTrail(conferenceId: string): Promise<AuditEntry[]> {
    return [...(this.audits.get(conferenceId) ?? [])];
  }
  async lockedBefore(before: number): Promise<string[]> {
    return [...this.conferences.values()].filter((c) => c.lockedAt !== null && c.lockedAt < before).map((c) => c.id);
  }
  async purge(conferenceId: string, rooms: string[]): Promise<void> {
    for (const room of rooms) this.updates.delete(room);
    this.conferences.delete(conferenceId);
    this.credentials.delete(conferenceId);
    this.audits.delete(conferenceId);
    this.scores.delete(conferenceId);
  }
  async loadUpdates(room: string): Promise<Uint8Array[]> {
    return [...(this.updates.get(room) ?? [])];
  }
  async appendUpdate(room: string, update: Uint8Array): Promise<void> {
    let list = this.updates.get(room);
    if (!list) this.updates.set(room, (list = []));
    list.push(update);
  }
  async appendUpdates(batch: ReadonlyArray<{ room: string; updates: readonly Uint8Array[] }>): Promise<void> {
    for (const { room, updates } of batch) for (const u of updates) await this.appendUpdate(room, u);
  }
  async compact(room: string): Promise<number> {
    const list = this.updates.get(room) ?? [];
    if (list.length === 0) return 0;
    const snapshot = snapshotOf(list);
    this.updates.set(room, [snapshot]);
    return snapshot.byteLength;
  }
  async close(): Promise<void> {}
}
