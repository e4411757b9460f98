import { describe, expect, it } from 'vitest';
import {
  type Catalogue,
  lookupArea,
  parseChatMessage,
  parseLagesbildText,
  parseShowArguments,
  parseUserReference,
} from '../../src/domain/command-text.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const catalogue: Catalogue = {
  parties: [
    { key: 'polisen', name: 'Polisen, lokalpolisområde Västervik' },
    { key: 'kommunen', name: 'Västerviks kommun' },
    { key: 'regionen', name: 'Region Kalmar län' },
    { key: 'kustbevakningen', name: 'Kustbevakningen' },
  ],
  areas: [
    {
      key: 'organiserad',
      name: 'Organiserad brottslighet och kriminella gäng',
      aliases: ['gäng', 'organiserad'],
    },
    { key: 'nara-relation', name: 'Våld och andra brott i nära relation', aliases: ['nära', 'relation'] },
    { key: 'heder', name: 'Hedersförtryck', aliases: ['heder'] },
    {
      key: 'valfard',
      name: 'Välfärdsbrottslighet och annan kriminell ekonomi',
      aliases: ['välfärd', 'ekonomi'],
    },
    { key: 'trafik', name: 'Trafikbrott', aliases: ['trafik'] },
    { key: 'ovrigt', name: 'Övrigt', aliases: ['övrigt', 'annat'] },
  ],
};

const schedule = FRIDAY_SCHEDULE;

const parse = (text: string) => parseLagesbildText(text, catalogue);

describe('parseLagesbildText', () => {
  it('opens the modal for empty text', () => {
    expect(parse('')).toEqual({ kind: 'modal' });
    expect(parse('   \n ')).toEqual({ kind: 'modal' });
  });

  it('reads the subcommands whatever their case and missing Swedish letters', () => {
    expect(parse('hjälp')).toEqual({ kind: 'help' });
    expect(parse('HJALP')).toEqual({ kind: 'help' });
    expect(parse('help')).toEqual({ kind: 'help' });
    expect(parse('status')).toEqual({ kind: 'status', args: '' });
    expect(parse('Status v50')).toEqual({ kind: 'status', args: 'v50' });
    expect(parse('mina')).toEqual({ kind: 'mine' });
    expect(parse('visa')).toEqual({ kind: 'show', args: '' });
    expect(parse('visa  2026-W49 polisen')).toEqual({ kind: 'show', args: '2026-W49 polisen' });
  });

  it('reads `<alias>: <text>` by alias, key or the area’s whole name, keeping the text as typed', () => {
    expect(parse('trafik: fler hastighetsöverträdelser på E22 vid Gamleby')).toEqual({
      kind: 'entry',
      partyKey: null,
      areaKey: 'trafik',
      text: 'fler hastighetsöverträdelser på E22 vid Gamleby',
    });
    expect(parse('GANG:  rekrytering vid skolan\nandra raden')).toEqual({
      kind: 'entry',
      partyKey: null,
      areaKey: 'organiserad',
      text: 'rekrytering vid skolan\nandra raden',
    });
    expect(parse('valfard : felaktiga utbetalningar')).toMatchObject({ areaKey: 'valfard' });
    expect(parse('nara-relation: x')).toMatchObject({ areaKey: 'nara-relation' });
    expect(parse('Hedersförtryck: x')).toMatchObject({ areaKey: 'heder' });
    expect(parse('Våld och andra brott i nära relation: x')).toMatchObject({ areaKey: 'nara-relation' });
  });

  it('keeps colons inside the text', () => {
    expect(parse('trafik: kontroll kl. 22:00–02:00')).toMatchObject({ text: 'kontroll kl. 22:00–02:00' });
  });

  it('reads a leading party for users in several parties', () => {
    expect(parse('kustbevakningen annat: båt kantrade')).toEqual({
      kind: 'entry',
      partyKey: 'kustbevakningen',
      areaKey: 'ovrigt',
      text: 'båt kantrade',
    });
    expect(parse('Polisen trafik: x')).toMatchObject({ partyKey: 'polisen', areaKey: 'trafik' });
  });

  it('returns an empty text for `<alias>:` so the caller can say what is missing', () => {
    expect(parse('trafik:')).toEqual({ kind: 'entry', partyKey: null, areaKey: 'trafik', text: '' });
  });

  it('names the unknown alias or party', () => {
    expect(parse('trafk: x')).toEqual({ kind: 'unknownArea', word: 'trafk' });
    expect(parse('polisen bilar: x')).toEqual({ kind: 'unknownArea', word: 'bilar' });
    expect(parse('brandkåren trafik: x')).toEqual({
      kind: 'unknownParty',
      word: 'brandkåren',
      form: 'entry',
    });
  });

  it('reads inget, with or without a party, in either order', () => {
    expect(parse('inget')).toEqual({ kind: 'nothing', partyKey: null });
    expect(parse('Inget att rapportera')).toEqual({ kind: 'nothing', partyKey: null });
    expect(parse('inget att rapportera denna vecka')).toEqual({ kind: 'nothing', partyKey: null });
    expect(parse('inget regionen')).toEqual({ kind: 'nothing', partyKey: 'regionen' });
    expect(parse('regionen inget')).toEqual({ kind: 'nothing', partyKey: 'regionen' });
    expect(parse('inget brandkåren')).toEqual({ kind: 'unknownParty', word: 'brandkåren', form: 'nothing' });
  });

  it('reads inget as people punctuate it in chat', () => {
    expect(parse('Inget att rapportera.')).toEqual({ kind: 'nothing', partyKey: null });
    expect(parse('Inget denna vecka!')).toEqual({ kind: 'nothing', partyKey: null });
    expect(parse('Inget.')).toEqual({ kind: 'nothing', partyKey: null });
    expect(parse('inget regionen.')).toEqual({ kind: 'nothing', partyKey: 'regionen' });
  });

  it('recognises an area typed without the colon', () => {
    expect(parse('trafik fler bilar')).toEqual({ kind: 'missingColon', areaKey: 'trafik' });
    expect(parse('polisen trafik fler bilar')).toEqual({ kind: 'missingColon', areaKey: 'trafik' });
  });

  it('recognises an area typed without the colon when a colon comes later in the text', () => {
    expect(parse('trafik fler bilar kl 14:30')).toEqual({ kind: 'missingColon', areaKey: 'trafik' });
    expect(parse('polisen trafik fler bilar kl 14:30')).toEqual({ kind: 'missingColon', areaKey: 'trafik' });
    expect(parse('Trafik fler bilar: E22')).toEqual({ kind: 'missingColon', areaKey: 'trafik' });
    // The area first and then the colon is still the one-liner, colons in the text and all.
    expect(parse('trafik: kontroll kl 14:30')).toMatchObject({ kind: 'entry', text: 'kontroll kl 14:30' });
  });

  it('calls anything else an unknown subcommand, naming its first word', () => {
    expect(parse('flurp <!channel>')).toEqual({ kind: 'unknownSubcommand', word: 'flurp' });
    expect(parse('fler bilar: E22')).toEqual({ kind: 'unknownSubcommand', word: 'fler' });
    expect(parse('se https://polisen.se')).toEqual({ kind: 'unknownSubcommand', word: 'se' });
    expect(parse(': tomt')).toEqual({ kind: 'unknownSubcommand', word: ':' });
    expect(parse('mina extra')).toEqual({ kind: 'unknownSubcommand', word: 'mina' });
  });
});

describe('parseChatMessage', () => {
  it('reads the one-liner and inget as the slash command does', () => {
    expect(parseChatMessage('trafik: x', catalogue)).toMatchObject({ kind: 'entry', areaKey: 'trafik' });
    expect(parseChatMessage('inget', catalogue)).toEqual({ kind: 'nothing', partyKey: null });
    expect(parseChatMessage('bilar: x', catalogue)).toEqual({ kind: 'unknownArea', word: 'bilar' });
  });

  it('cannot read subcommands, greetings or an empty message', () => {
    for (const text of ['status', 'visa', 'mina', 'hjälp', 'Hej! Hur gör jag?', '', 'tack']) {
      expect(parseChatMessage(text, catalogue)).toEqual({ kind: 'unreadable' });
    }
  });

  it('cannot read a first word that is no party and no area before the form, such as a greeting', () => {
    expect(parseChatMessage('Hej!\ntrafik: x', catalogue)).toEqual({ kind: 'unreadable' });
    expect(parseChatMessage('brandkåren trafik: x', catalogue)).toEqual({ kind: 'unreadable' });
    // A misspelt party after `inget` is still named: the form itself was right.
    expect(parseChatMessage('inget brandkåren', catalogue)).toEqual({
      kind: 'unknownParty',
      word: 'brandkåren',
      form: 'nothing',
    });
  });

  it('says the colon is missing when a colon comes only later in the message', () => {
    expect(parseChatMessage('trafik fler bilar kl 14:30', catalogue)).toEqual({
      kind: 'missingColon',
      areaKey: 'trafik',
    });
  });
});

describe('lookupArea', () => {
  it('finds by alias, key and whole name, case- and å/ä/ö-insensitively', () => {
    expect(lookupArea(catalogue.areas, 'NÄRA')?.key).toBe('nara-relation');
    expect(lookupArea(catalogue.areas, 'nara')?.key).toBe('nara-relation');
    expect(lookupArea(catalogue.areas, 'ovrigt')?.key).toBe('ovrigt');
    expect(lookupArea(catalogue.areas, 'hedersfortryck')?.key).toBe('heder');
    expect(lookupArea(catalogue.areas, 'organiserad  brottslighet och kriminella gang')?.key).toBe(
      'organiserad',
    );
    expect(lookupArea(catalogue.areas, 'bilar')).toBeNull();
    expect(lookupArea(catalogue.areas, '')).toBeNull();
  });
});

describe('parseShowArguments', () => {
  const now = new Date('2026-12-01T09:00:00Z');

  it('reads a week in every accepted form, and a party in either order', () => {
    for (const text of ['v49', 'v.49', '49', 'vecka 49', '2026-W49', '2026w49', '2026 v49']) {
      expect(parseShowArguments(text, catalogue.parties, now, schedule)).toEqual({
        kind: 'ok',
        week: '2026-W49',
        partyKey: null,
      });
    }
    expect(parseShowArguments('polisen v50', catalogue.parties, now, schedule)).toEqual({
      kind: 'ok',
      week: '2026-W50',
      partyKey: 'polisen',
    });
    expect(parseShowArguments('v50 Kustbevakningen', catalogue.parties, now, schedule)).toMatchObject({
      partyKey: 'kustbevakningen',
    });
    expect(parseShowArguments('', catalogue.parties, now, schedule)).toEqual({
      kind: 'ok',
      week: null,
      partyKey: null,
    });
  });

  it('takes a bare week number as the nearest such meeting, across the year boundary', () => {
    const january = new Date('2027-01-12T09:00:00Z');
    expect(parseShowArguments('v52', catalogue.parties, january, schedule)).toMatchObject({
      week: '2026-W52',
    });
    expect(parseShowArguments('53', catalogue.parties, january, schedule)).toMatchObject({
      week: '2026-W53',
    });
    expect(parseShowArguments('v2', catalogue.parties, now, schedule)).toMatchObject({ week: '2027-W02' });
  });

  it('refuses a week that cannot be read or that the year does not have', () => {
    expect(parseShowArguments('v60', catalogue.parties, now, schedule)).toEqual({
      kind: 'badWeek',
      text: 'v60',
    });
    expect(parseShowArguments('2025-W53', catalogue.parties, now, schedule)).toEqual({
      kind: 'badWeek',
      text: '2025-W53',
    });
    expect(parseShowArguments('förra veckan', catalogue.parties, now, schedule)).toMatchObject({
      kind: 'badWeek',
    });
  });
});

describe('parseUserReference', () => {
  it('reads a mention in Slack’s escaped form, with or without the name', () => {
    expect(parseUserReference('<@U123ABC|anna> polisen')).toEqual({ userId: 'U123ABC', rest: 'polisen' });
    expect(parseUserReference('  <@W0ENTER>  ')).toEqual({ userId: 'W0ENTER', rest: '' });
  });

  it('reads a bare user id', () => {
    expect(parseUserReference('U0123ABCD kommunen')).toEqual({ userId: 'U0123ABCD', rest: 'kommunen' });
  });

  it('refuses a name typed without Slack making it a mention', () => {
    expect(parseUserReference('@anna polisen')).toBeNull();
    expect(parseUserReference('anna')).toBeNull();
    expect(parseUserReference('<#C123|allmänt>')).toBeNull();
    expect(parseUserReference('')).toBeNull();
  });
});
