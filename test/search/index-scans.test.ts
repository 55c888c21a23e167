import { describe, expect, it } from 'vitest';
import { scanOf, splitAlternatives } from '../../src/modules/search/postgres-search.backend.js';

describe('search index scans', () => {
  it('leaves out a phrase that one of its group’s plain words already finds', () => {
    expect(splitAlternatives(["'hazard'", "'clinic' <-> 'hazard'", "'potenti' <2> 'harm'"])).toEqual({
      plain: ["'hazard'"],
      phrases: ["'potenti' <2> 'harm'"],
    });
    expect(splitAlternatives(["'patient':*", "'patient' <-> 'safeti'"])).toEqual({ plain: ["'patient':*"], phrases: [] });
  });

  it('finds plain words through the index alone, and checks phrases only on rows holding their words', () => {
    const hazard = splitAlternatives(["'hazard'", "'potenti' <2> 'harm'"]);
    const patient = splitAlternatives(["'patient'", "'patient':*"]);
    expect(scanOf([[hazard, patient]])).toEqual({
      plain: "('hazard') & (('patient') | ('patient':*))",
      phraseRows: "('potenti' & 'harm') & (('patient') | ('patient':*))",
      full: "(('hazard') | ('potenti' <2> 'harm')) & (('patient') | ('patient':*))",
    });
  });

  it('has no plain scan when a required group is only phrases', () => {
    const hazardLog = splitAlternatives(["'hazard' <-> 'log'", "'risk' <-> 'regist'"]);
    expect(scanOf([[hazardLog]])).toEqual({
      plain: null,
      phraseRows: "('hazard' & 'log') | ('risk' & 'regist')",
      full: "('hazard' <-> 'log') | ('risk' <-> 'regist')",
    });
  });
});
