/**
 * The live SMART check of a plan action: it points out what case reviews most often criticise
 * (no owner, no date or a date already past, no way to know it worked, vague verbs with nothing to
 * measure) and suggests a fix. It never blocks: the result is advice for the people writing.
 */
export interface ActionDraft {
  what: string;
  who: string;
  byWhen: string; // YYYY-MM-DD or ''
  measure: string;
}

/** Which check found the issue (each screen words it in its reader's language); `vague` names the word and its stem. */
export type SmartCode = 'no-owner' | 'no-date' | 'date-passed' | 'no-measure' | 'vague';

export interface SmartIssue {
  field: keyof ActionDraft;
  code: SmartCode;
  /** For `vague`: the word as written and the verb it comes from (`engage`, `support`, …). */
  params?: { word: string; stem: VagueStem };
  /** In English, for logs and other clients. */
  message: string;
  suggestion: string;
}

export type VagueStem = 'engage' | 'support' | 'monitor' | 'improve' | 'attend';

const VAGUE: Record<VagueStem, string> = {
  engage: 'Say what they will do, how often and with whom, for example "meet the family support worker every Tuesday at 10".',
  support: 'Say what help will be given, by whom and how often, for example "visit twice a week to help with the morning routine".',
  monitor:
    'Say who will check what, how often, and what they will do with it, for example "school nurse weighs Ali every Friday and tells the social worker".',
  improve: 'Say what will be different and how it will be seen, for example "Zoë arrives at school by 8:50 every day".',
  attend: 'Say how often, and what counts as attending, for example "go to all six sessions of the parenting course".',
};

const VAGUE_FORMS =
  /\b(engag(?:e|es|ed|ing|ement)|support(?:s|ed|ing)?|monitor(?:s|ed|ing)?|improv(?:e|es|ed|ing|ement)|attend(?:s|ed|ing|ance)?)\b/gi;
/** Wording that makes an action measurable: a number, a frequency or a named day. */
const MEASURABLE =
  /\d|\b(every|each|daily|weekly|fortnightly|monthly|twice|once|times|all|no more than|at least|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

function stem(word: string): VagueStem {
  const w = word.toLowerCase();
  if (w.startsWith('engag')) return 'engage';
  if (w.startsWith('support')) return 'support';
  if (w.startsWith('monitor')) return 'monitor';
  if (w.startsWith('improv')) return 'improve';
  return 'attend';
}

export function smartCheck(action: ActionDraft, conferenceDate: string): SmartIssue[] {
  const issues: SmartIssue[] = [];
  if (action.who.trim() === '') {
    issues.push({ field: 'who', code: 'no-owner', message: 'Nobody owns this action yet.', suggestion: 'Say who will do it: a name or a role.' });
  }
  if (action.byWhen.trim() === '') {
    issues.push({ field: 'byWhen', code: 'no-date', message: 'There is no date.', suggestion: 'Add the date by when it will be done.' });
  } else if (action.byWhen < conferenceDate) {
    issues.push({ field: 'byWhen', code: 'date-passed', message: 'This date has already passed.', suggestion: 'Choose a date after the conference.' });
  }
  const hasMeasure = action.measure.trim() !== '';
  if (!hasMeasure) {
    issues.push({
      field: 'measure',
      code: 'no-measure',
      message: 'Nobody will know whether it worked.',
      suggestion: 'Say what everyone will see when it has worked.',
    });
  }
  const measurable = hasMeasure && MEASURABLE.test(`${action.what} ${action.measure}`);
  if (!measurable) {
    const seen = new Set<string>();
    for (const match of action.what.matchAll(VAGUE_FORMS)) {
      const key = stem(match[0]);
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({
        field: 'what',
        code: 'vague',
        params: { word: match[0], stem: key },
        message: `"${match[0]}" is vague on its own.`,
        suggestion: VAGUE[key],
      });
    }
  }
  return issues;
}
