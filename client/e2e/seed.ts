import * as Y from 'yjs';
import {
  addAction,
  addCard,
  addDangerPair,
  addNetworkPerson,
  chairRoomName,
  COLUMN_IDS,
  recordDecision,
  setConfirmed,
  setContingency,
  setOpenScore,
  setRecommendation,
  setStage,
  updateNextSteps,
  updateSettings,
  type Author,
  type ColumnId,
  type StageId,
} from '../../shared/model/index.js';
import { connectClient, joinThroughLobby, synced, whoIs, type Conference, type RunningServer } from '../../server/test/harness.js';

/**
 * A conference filled in through stock y-websocket clients in Node, each writing as the person its
 * token belongs to (the server checks every change as it would a browser's): what the browser tests
 * then look at on the screens.
 */
export interface Seeded {
  proToken: string;
  familyToken: string;
  chair: Author;
  pro: Author;
  family: Author;
  board: Y.Doc;
  chairDoc: Y.Doc;
  /** Runs a change as the chair on the chair's document and waits until the server has it. */
  asChair: (change: (chairDoc: Y.Doc) => void) => Promise<void>;
  /** Runs a change on the board as someone (each has their own connection) and waits until the server has it. */
  as: (who: 'chair' | 'pro' | 'family', change: (doc: Y.Doc, author: Author) => void) => Promise<void>;
  close: () => void;
}

/** Waits until the server holds everything this client's document holds (its state vector is acknowledged on a fresh sync). */
async function settled(server: RunningServer, room: string, token: string, doc: Y.Doc): Promise<void> {
  const check = connectClient(server, room, token);
  try {
    await synced(check.provider);
    const want = Y.encodeStateVector(doc);
    for (let i = 0; i < 200; i++) {
      const missing = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(check.doc));
      if (Y.decodeUpdate(missing).structs.length === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the server did not take the changes (state ${want.length} bytes)`);
  } finally {
    check.provider.destroy();
    check.doc.destroy();
  }
}

export async function seedPeople(
  server: RunningServer,
  conf: Conference,
  names = { pro: 'Amira Khan', family: 'Magdalena' },
): Promise<Seeded> {
  const proToken = await joinThroughLobby(server, conf, conf.professionalToken, names.pro, 'Social worker');
  const familyToken = await joinThroughLobby(server, conf, conf.familyToken, names.family, 'Mum');
  const authors = {
    chair: await whoIs(server, conf.id, conf.chairToken),
    pro: await whoIs(server, conf.id, proToken),
    family: await whoIs(server, conf.id, familyToken),
  };
  const tokens = { chair: conf.chairToken, pro: proToken, family: familyToken };
  const clients = {
    chair: connectClient(server, conf.id, conf.chairToken),
    pro: connectClient(server, conf.id, proToken),
    family: connectClient(server, conf.id, familyToken),
  };
  const chairRoom = connectClient(server, chairRoomName(conf.id), conf.chairToken);
  for (const c of [...Object.values(clients), chairRoom]) await synced(c.provider);
  return {
    proToken,
    familyToken,
    ...authors,
    board: clients.chair.doc,
    chairDoc: chairRoom.doc,
    asChair: async (change) => {
      change(chairRoom.doc);
      await settled(server, chairRoomName(conf.id), conf.chairToken, chairRoom.doc);
    },
    as: async (who, change) => {
      const { doc } = clients[who];
      change(doc, authors[who]);
      await settled(server, conf.id, tokens[who], doc);
    },
    close: () => {
      for (const c of [...Object.values(clients), chairRoom]) {
        c.provider.destroy();
        c.doc.destroy();
      }
    },
  };
}

/** Items of the length people write on a board, for every column. */
export const ITEMS: Record<ColumnId, string[]> = {
  danger: [
    'Police were called to the house twice in May',
    'Zoë said Dad shouts when he has been drinking',
    'The school saw a bruise on Zoë’s arm',
    'Zoë often arrives at school hungry',
    'Nobody collected Zoë from school on two days',
    'Dad drives after drinking, the neighbour says',
    'The house was cold when the health visitor came',
    'Mum is frightened of Dad’s temper',
  ],
  safety: [
    'Gran takes Zoë to school on Mondays',
    'Mum rang the police when she was scared',
    'Zoë knows to go to the neighbour if worried',
    'Dad stayed at his brother’s after a row',
    'Mum keeps the car keys when Dad drinks',
    'The school nurse sees Zoë every week',
    'Zoë has a phone with Gran’s number in it',
    'There has been food in the house every visit',
  ],
  strengths: [
    'We go to the park together every Sunday',
    'Zoë loves reading with her grandad',
    'Mum has started a parenting course',
    'Dad went to his first support group',
    'Zoë has good friends in her class',
    'The family came to every meeting',
    'Gran lives five minutes away',
    'Łukasz is doing well at nursery',
  ],
  complicating: [
    'Dad lost his job in March',
    'The flat is damp and too small',
    'Mum has no family nearby apart from Gran',
    'Money is very tight since the benefits changed',
    'Dad finds it hard to talk to professionals',
    'The bus to school takes an hour',
    'Mum’s English is still new',
    'The landlord wants them to move out',
  ],
  grey: [
    'Who else lives at the house at weekends?',
    'How often does Dad drink in the evening?',
    'Does Zoë see her uncle?',
    'What happened on the night of 12 May?',
    'Is Mum’s depression getting better?',
    'Who looks after Łukasz when Mum works?',
    'Is the new boyfriend of Dad’s sister safe?',
    'Did Zoë miss her dentist appointments?',
  ],
};

/** Eight items in each of the five columns, as the professional; the first of each column confirmed by the chair. */
export async function fillBoard(seeded: Seeded, perColumn = 8): Promise<string[]> {
  const ids: string[] = [];
  await seeded.as('pro', (doc, me) => {
    for (const column of COLUMN_IDS)
      for (const text of ITEMS[column].slice(0, perColumn)) ids.push(addCard(doc, { column, text, author: me }).id);
  });
  await seeded.asChair((chairDoc) => {
    for (let i = 0; i < ids.length; i += perColumn) setConfirmed(chairDoc, ids[i] as string, true);
  });
  return ids;
}

/** A conference filled in at every stage: what the chair, a professional and the family wrote. */
export async function fillEveryStage(seeded: Seeded): Promise<void> {
  await fillBoard(seeded, 3);
  let pairId = '';
  await seeded.as('pro', (doc, me) => {
    pairId = addDangerPair(
      doc,
      {
        danger: 'The school is worried that Zoë comes to school hungry; if nothing changes she could become ill.',
        goal: 'Dad will make sure there is an evening meal every day, for six months.',
      },
      me,
    );
    setOpenScore(doc, { pairId, value: 3, nextStep: 'An evening meal every day for a month' }, me);
    addAction(doc, { what: 'Dad to engage with services', who: '', byWhen: '', measure: '', pairId, children: [] }, me);
    addAction(
      doc,
      {
        what: 'Dad makes an evening meal every day',
        who: 'Dad',
        byWhen: '2027-01-15',
        measure: 'Zoë tells her teacher',
        pairId,
        children: [0],
      },
      me,
    );
    setRecommendation(doc, me, { recommendation: 'cp', reason: 'The worries are recent and serious.', dissent: '' });
  });
  await seeded.as('family', (doc, me) => {
    addNetworkPerson(doc, { name: 'Ada', relationship: 'Gran', inSafetyNetwork: true, willDo: 'Have Zoë for tea on Thursdays' }, me);
    setOpenScore(doc, { pairId, value: 6, nextStep: 'Gran staying over on Thursdays' }, me);
    setContingency(doc, 'Seek legal advice.', me);
  });
  await seeded.as('chair', (doc) => {
    updateNextSteps(doc, { firstCoreGroup: '2026-12-26', visitEveryWorkingDays: 15, review: '2027-06-30', coreGroup: ['Magdalena (Mum)'] });
  });
  await seeded.asChair((chairDoc) => {
    updateSettings(chairDoc, { familyFirst: true });
    recordDecision(chairDoc, { outcome: 'cp', categories: ['Neglect'], rationale: 'Zoë needs regular meals.' });
  });
}

export async function moveTo(seeded: Seeded, stage: StageId): Promise<void> {
  await seeded.asChair((chairDoc) => setStage(chairDoc, stage));
}
