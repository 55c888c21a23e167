import { describe, expect, it } from 'vitest';
import type { BlueprintVariable } from '../../src/modules/blueprints/blueprint-version.entity.js';
import { displayValue, resolveVariables, variablesFromQuery } from '../../src/modules/blueprints/blueprint-variables.js';
import { HubError } from '../../src/graphql/errors.js';

const declared: BlueprintVariable[] = [
  { name: 'productName', type: 'STRING', required: true, description: 'The health IT system.' },
  { name: 'scope', type: 'TEXT', required: false, default: 'Whole organisation', description: 'What is in scope.' },
  { name: 'approvalDate', type: 'DATE', required: true, description: 'When the CSO approved it.' },
  { name: 'reviewIntervalMonths', type: 'NUMBER', required: false, default: 12, description: 'Months between reviews.' },
  { name: 'inHouse', type: 'BOOLEAN', required: false, default: false, description: 'Develops software in house.' },
  { name: 'applicableStandard', type: 'ENUM', required: true, options: ['DCB0129', 'DCB0160'], description: 'The standard.' },
];
const label = 'blueprint test version 1.0.0';

function problemsOf(given: Record<string, unknown>): { field: string; message: string }[] {
  try {
    resolveVariables(declared, given, label);
  } catch (error) {
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as HubError).extensions.problems as { field: string; message: string }[];
  }
  throw new Error('expected the variables to be refused');
}

describe('blueprint variables', () => {
  it('fills defaults and keeps given values typed', () => {
    const resolved = resolveVariables(declared, { productName: '  Acme EPR ', approvalDate: '2026-03-31', applicableStandard: 'DCB0160', inHouse: true }, label);
    expect(resolved).toEqual({ productName: 'Acme EPR', scope: 'Whole organisation', approvalDate: '2026-03-31', reviewIntervalMonths: 12, inHouse: true, applicableStandard: 'DCB0160' });
  });

  it('names every missing required variable, with its type and description', () => {
    const problems = problemsOf({});
    expect(problems.map((p) => p.field)).toEqual(['variables.productName', 'variables.approvalDate', 'variables.applicableStandard']);
    expect(problems[0].message).toBe('is required (STRING): The health IT system.');
  });

  it('treats an empty string as missing', () => {
    expect(problemsOf({ productName: '   ', approvalDate: '2026-03-31', applicableStandard: 'DCB0129' })).toEqual([
      { field: 'variables.productName', message: 'is required (STRING): The health IT system.' },
    ]);
  });

  it('names each wrongly typed variable and says what it expected', () => {
    const problems = problemsOf({
      productName: 42, approvalDate: '31/03/2026', reviewIntervalMonths: 'twelve', inHouse: 'yes', applicableStandard: 'DCB0999', scope: ['a'],
    });
    expect(Object.fromEntries(problems.map((p) => [p.field, p.message]))).toEqual({
      'variables.productName': 'must be text (STRING); got 42',
      'variables.scope': 'was given 1 times; give it once',
      'variables.approvalDate': 'must be a date written YYYY-MM-DD, e.g. 2026-03-31; got "31/03/2026"',
      'variables.reviewIntervalMonths': 'must be a number; got "twelve"',
      'variables.inHouse': 'must be true or false; got "yes"',
      'variables.applicableStandard': 'must be one of DCB0129, DCB0160; got "DCB0999"',
    });
  });

  it('refuses impossible dates and multi-line STRING values', () => {
    const problems = problemsOf({ productName: 'Acme\nEPR', approvalDate: '2026-02-30', applicableStandard: 'DCB0129' });
    expect(problems).toEqual([
      { field: 'variables.productName', message: 'must be a single line (STRING); use a TEXT variable for several lines' },
      { field: 'variables.approvalDate', message: 'is not a real calendar date; got "2026-02-30"' },
    ]);
  });

  it('rejects unknown variables by name and lists the ones it takes', () => {
    const problems = problemsOf({ productName: 'Acme', approvalDate: '2026-03-31', applicableStandard: 'DCB0129', productNmae: 'typo' });
    expect(problems).toEqual([
      { field: 'variables.productNmae', message: `is not a variable of ${label}; it takes productName, scope, approvalDate, reviewIntervalMonths, inHouse, applicableStandard` },
    ]);
  });

  it('puts every problem in the message as well as in the problems list', () => {
    try {
      resolveVariables(declared, { approvalDate: 'soon', applicableStandard: 'DCB0129' }, label);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as Error).message).toBe(
        `${label} cannot be rendered: variables.productName is required (STRING): The health IT system.; variables.approvalDate must be a date written YYYY-MM-DD, e.g. 2026-03-31; got "soon"`,
      );
    }
  });

  it('reads query-string values per declaration and leaves unparseable ones for the check to name', () => {
    const query = { productName: '12', reviewIntervalMonths: '6', inHouse: 'true', approvalDate: '2026-03-31', applicableStandard: 'DCB0129', scope: ['a', 'b'] };
    expect(variablesFromQuery(declared, query)).toEqual({ productName: '12', reviewIntervalMonths: 6, inHouse: true, approvalDate: '2026-03-31', applicableStandard: 'DCB0129', scope: ['a', 'b'] });
    expect(variablesFromQuery(declared, { reviewIntervalMonths: 'six', inHouse: 'maybe' })).toEqual({ reviewIntervalMonths: 'six', inHouse: 'maybe' });
  });

  it('shows booleans as Yes/No and dates in British long form', () => {
    expect(displayValue(declared[4], true)).toBe('Yes');
    expect(displayValue(declared[4], false)).toBe('No');
    expect(displayValue(declared[2], '2026-03-31')).toBe('31 March 2026');
    expect(displayValue(declared[3], 6)).toBe('6');
  });
});
