/**
 * End-of-life dates of the base images teams build on, by product cycle.
 *
 * From endoflife.date (the `eol` field of
 * https://endoflife.date/api/<source>.json; for Debian the end of LTS,
 * `extendedSupport`, because Debian LTS updates ship in the same archive the
 * images use). A supported cycle without a fixed date has `eol: null`; a cycle
 * the table does not list is never reported. This copy was compiled by hand
 * from endoflife.date's published dates (the machine that wrote it has no
 * internet access); `scripts/update-eol-table.mjs` regenerates it, run by hand
 * by a maintainer. Scans and tests read only the table as shipped.
 */
export interface EndOfLifeProduct {
  /** endoflife.date product id the dates come from. */
  source: string;
  /** `eol: null`: supported, with no end date fixed yet (Go's end comes with the release two after). */
  cycles: Array<{ cycle: string; eol: string | null; lts?: boolean }>;
}

export const END_OF_LIFE_TABLE_DATE = '2026-12-03';

export const END_OF_LIFE_TABLE: Record<string, EndOfLifeProduct> = {
  node: {
    source: 'nodejs',
    cycles: [
      { cycle: '4', eol: '2018-04-30', lts: true },
      { cycle: '6', eol: '2019-04-30', lts: true },
      { cycle: '8', eol: '2019-12-31', lts: true },
      { cycle: '10', eol: '2021-04-30', lts: true },
      { cycle: '12', eol: '2022-04-30', lts: true },
      { cycle: '14', eol: '2023-04-30', lts: true },
      { cycle: '16', eol: '2023-09-11', lts: true },
      { cycle: '17', eol: '2022-06-01' },
      { cycle: '18', eol: '2025-04-30', lts: true },
      { cycle: '19', eol: '2023-06-01' },
      { cycle: '20', eol: '2026-04-30', lts: true },
      { cycle: '21', eol: '2024-06-01' },
      { cycle: '22', eol: '2027-04-30', lts: true },
      { cycle: '23', eol: '2025-06-01' },
      { cycle: '24', eol: '2028-04-30', lts: true },
    ],
  },
  python: {
    source: 'python',
    cycles: [
      { cycle: '2.7', eol: '2020-01-01' },
      { cycle: '3.5', eol: '2020-09-13' },
      { cycle: '3.6', eol: '2021-12-23' },
      { cycle: '3.7', eol: '2023-06-27' },
      { cycle: '3.8', eol: '2024-10-07' },
      { cycle: '3.9', eol: '2025-10-31' },
      { cycle: '3.10', eol: '2026-10-31' },
      { cycle: '3.11', eol: '2027-10-31' },
      { cycle: '3.12', eol: '2028-10-31' },
      { cycle: '3.13', eol: '2029-10-31' },
      { cycle: '3.14', eol: '2030-10-31' },
    ],
  },
  golang: {
    source: 'go',
    cycles: [
      { cycle: '1.16', eol: '2022-03-15' },
      { cycle: '1.17', eol: '2022-08-02' },
      { cycle: '1.18', eol: '2023-02-01' },
      { cycle: '1.19', eol: '2023-08-08' },
      { cycle: '1.20', eol: '2024-02-06' },
      { cycle: '1.21', eol: '2024-08-13' },
      { cycle: '1.22', eol: '2025-02-11' },
      { cycle: '1.23', eol: '2025-08-12' },
      { cycle: '1.24', eol: '2026-02-10' },
      { cycle: '1.25', eol: '2026-08-11' },
      { cycle: '1.26', eol: null },
      { cycle: '1.27', eol: null },
    ],
  },
  ruby: {
    source: 'ruby',
    cycles: [
      { cycle: '2.4', eol: '2020-03-31' },
      { cycle: '2.5', eol: '2021-03-31' },
      { cycle: '2.6', eol: '2022-04-12' },
      { cycle: '2.7', eol: '2023-03-31' },
      { cycle: '3.0', eol: '2024-04-23' },
      { cycle: '3.1', eol: '2025-03-26' },
      { cycle: '3.2', eol: '2026-03-31' },
      { cycle: '3.3', eol: '2027-03-31' },
      { cycle: '3.4', eol: '2028-03-31' },
    ],
  },
  php: {
    source: 'php',
    cycles: [
      { cycle: '5.6', eol: '2018-12-31' },
      { cycle: '7.0', eol: '2019-01-10' },
      { cycle: '7.1', eol: '2019-12-01' },
      { cycle: '7.2', eol: '2020-11-30' },
      { cycle: '7.3', eol: '2021-12-06' },
      { cycle: '7.4', eol: '2022-11-28' },
      { cycle: '8.0', eol: '2023-11-26' },
      { cycle: '8.1', eol: '2025-12-31' },
      { cycle: '8.2', eol: '2026-12-31' },
      { cycle: '8.3', eol: '2027-12-31' },
      { cycle: '8.4', eol: '2028-12-31' },
    ],
  },
  'eclipse-temurin': {
    source: 'eclipse-temurin',
    cycles: [
      { cycle: '11', eol: '2027-10-31', lts: true },
      { cycle: '16', eol: '2021-09-14' },
      { cycle: '17', eol: '2027-10-31', lts: true },
      { cycle: '18', eol: '2022-09-20' },
      { cycle: '19', eol: '2023-03-21' },
      { cycle: '20', eol: '2023-09-19' },
      { cycle: '21', eol: '2029-12-31', lts: true },
      { cycle: '22', eol: '2024-09-17' },
      { cycle: '23', eol: '2025-03-18' },
      { cycle: '24', eol: '2025-09-16' },
    ],
  },
  amazoncorretto: {
    source: 'amazon-corretto',
    cycles: [
      { cycle: '8', eol: '2030-12-31', lts: true },
      { cycle: '11', eol: '2032-01-31', lts: true },
      { cycle: '17', eol: '2029-10-31', lts: true },
      { cycle: '21', eol: '2030-10-31', lts: true },
    ],
  },
  dotnet: {
    source: 'dotnet',
    cycles: [
      { cycle: '2.1', eol: '2021-08-21', lts: true },
      { cycle: '3.1', eol: '2022-12-13', lts: true },
      { cycle: '5.0', eol: '2022-05-10' },
      { cycle: '6.0', eol: '2024-11-12', lts: true },
      { cycle: '7.0', eol: '2024-05-14' },
      { cycle: '8.0', eol: '2026-11-10', lts: true },
      { cycle: '9.0', eol: '2026-11-10' },
      { cycle: '10.0', eol: '2028-11-14', lts: true },
    ],
  },
  debian: {
    source: 'debian',
    cycles: [
      { cycle: '8', eol: '2020-06-30' },
      { cycle: '9', eol: '2022-06-30' },
      { cycle: '10', eol: '2024-06-30' },
      { cycle: '11', eol: '2026-08-31' },
      { cycle: '12', eol: '2028-06-30' },
      { cycle: '13', eol: '2030-06-30' },
    ],
  },
  ubuntu: {
    source: 'ubuntu',
    cycles: [
      { cycle: '14.04', eol: '2019-04-25', lts: true },
      { cycle: '16.04', eol: '2021-04-30', lts: true },
      { cycle: '18.04', eol: '2023-05-31', lts: true },
      { cycle: '20.04', eol: '2025-05-29', lts: true },
      { cycle: '22.04', eol: '2027-06-01', lts: true },
      { cycle: '22.10', eol: '2023-07-20' },
      { cycle: '23.04', eol: '2024-01-25' },
      { cycle: '23.10', eol: '2024-07-11' },
      { cycle: '24.04', eol: '2029-05-31', lts: true },
      { cycle: '24.10', eol: '2025-07-10' },
    ],
  },
  alpine: {
    source: 'alpine-linux',
    cycles: [
      { cycle: '3.10', eol: '2021-05-01' },
      { cycle: '3.11', eol: '2021-11-01' },
      { cycle: '3.12', eol: '2022-05-01' },
      { cycle: '3.13', eol: '2022-11-01' },
      { cycle: '3.14', eol: '2023-05-01' },
      { cycle: '3.15', eol: '2023-11-01' },
      { cycle: '3.16', eol: '2024-05-23' },
      { cycle: '3.17', eol: '2024-11-22' },
      { cycle: '3.18', eol: '2025-05-09' },
      { cycle: '3.19', eol: '2025-11-01' },
      { cycle: '3.20', eol: '2026-04-01' },
      { cycle: '3.21', eol: '2026-11-01' },
      { cycle: '3.22', eol: '2027-05-01' },
    ],
  },
  centos: {
    source: 'centos',
    cycles: [
      { cycle: '6', eol: '2020-11-30' },
      { cycle: '7', eol: '2024-06-30' },
      { cycle: '8', eol: '2021-12-31' },
    ],
  },
  rockylinux: {
    source: 'rocky-linux',
    cycles: [
      { cycle: '8', eol: '2029-05-31' },
      { cycle: '9', eol: '2032-05-31' },
    ],
  },
  almalinux: {
    source: 'almalinux',
    cycles: [
      { cycle: '8', eol: '2029-03-01' },
      { cycle: '9', eol: '2032-05-31' },
    ],
  },
  nginx: {
    source: 'nginx',
    cycles: [
      { cycle: '1.20', eol: '2022-05-24' },
      { cycle: '1.21', eol: '2022-05-24' },
      { cycle: '1.22', eol: '2023-04-11' },
      { cycle: '1.23', eol: '2023-04-11' },
      { cycle: '1.24', eol: '2024-04-23' },
      { cycle: '1.25', eol: '2024-04-23' },
      { cycle: '1.26', eol: '2025-04-23' },
      { cycle: '1.27', eol: '2025-04-23' },
    ],
  },
  postgres: {
    source: 'postgresql',
    cycles: [
      { cycle: '9.4', eol: '2020-02-13' },
      { cycle: '9.5', eol: '2021-02-11' },
      { cycle: '9.6', eol: '2021-11-11' },
      { cycle: '10', eol: '2022-11-10' },
      { cycle: '11', eol: '2023-11-09' },
      { cycle: '12', eol: '2024-11-21' },
      { cycle: '13', eol: '2025-11-13' },
      { cycle: '14', eol: '2026-11-12' },
      { cycle: '15', eol: '2027-11-11' },
      { cycle: '16', eol: '2028-11-09' },
      { cycle: '17', eol: '2029-11-08' },
    ],
  },
  mysql: {
    source: 'mysql',
    cycles: [
      { cycle: '5.6', eol: '2021-02-05' },
      { cycle: '5.7', eol: '2023-10-31' },
      { cycle: '8.0', eol: '2026-04-30' },
      { cycle: '8.4', eol: '2032-04-30', lts: true },
    ],
  },
  redis: {
    source: 'redis',
    cycles: [
      { cycle: '5.0', eol: '2022-04-27' },
      { cycle: '6.0', eol: '2022-04-27' },
      { cycle: '6.2', eol: '2025-02-28' },
    ],
  },
};
