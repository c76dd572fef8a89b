import { scorecardCsv } from './csv';

describe('scorecardCsv', () => {
  it('writes a header and one line per row, quoting what needs it', () => {
    const csv = scorecardCsv([
      {
        entityRef: 'component:default/payments-api',
        title: 'Payments, the API',
        owner: 'group:default/team-payments',
        score: 51,
        grade: 'E',
        compressedBytes: 432013312,
        baseImage: 'node:20',
        userIsRoot: true,
        reclaimableBytes: 325058560,
        policyViolations: 2,
        scannedAt: '2026-11-27T08:00:00Z',
      },
      {
        entityRef: 'component:default/evil',
        title: '=HYPERLINK("x")',
        score: null,
        grade: 'N/A',
        scannedAt: '2026-11-27T08:00:00Z',
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'entityRef,title,owner,grade,score,compressedBytes,baseImage,userIsRoot,reclaimableBytes,policyViolations,scannedAt',
      'component:default/payments-api,"Payments, the API",group:default/team-payments,E,51,432013312,node:20,true,325058560,2,2026-11-27T08:00:00Z',
      `component:default/evil,"'=HYPERLINK(""x"")",,N/A,,,,,,,2026-11-27T08:00:00Z`,
      '',
    ]);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1+2', "'\t=1+2"],
    ['\r=1+2', '"\'\r=1+2"'],
    ['plain title', 'plain title'],
  ])('neutralises a title starting %j', (title, cell) => {
    const [, line] = scorecardCsv([
      {
        entityRef: 'component:default/x',
        title,
        score: null,
        grade: 'N/A',
        scannedAt: '2026-11-27T08:00:00Z',
      },
    ]).split('\r\n');
    expect(line.split(',')[1]).toBe(cell);
  });
});
