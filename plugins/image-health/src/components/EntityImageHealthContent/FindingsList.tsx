import {
  Box,
  Chip,
  Divider,
  Grid,
  Link as MuiLink,
  Typography,
} from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { CodeSnippet, EmptyState, InfoCard } from '@backstage/core-components';
import type {
  Finding,
  FindingCategory,
  RuleInfo,
} from '@image-health/plugin-image-health-common';
import {
  CATEGORY_TITLES,
  SeverityLabel,
  findingLocation,
  groupFindings,
} from '../common';

const useStyles = makeStyles(theme => ({
  finding: {
    padding: theme.spacing(2, 0),
  },
  header: {
    display: 'flex',
    alignItems: 'baseline',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  location: {
    fontFamily: theme.typography.fontFamily,
    color: theme.palette.text.secondary,
    wordBreak: 'break-all',
  },
  code: {
    fontFamily: 'monospace',
  },
}));

const FindingItem = ({
  finding,
  rule,
  divider,
}: {
  finding: Finding;
  rule?: RuleInfo;
  divider: boolean;
}) => {
  const classes = useStyles();
  const location = findingLocation(finding);
  const { remediation } = finding;
  const docsUrl = remediation.docsUrl ?? rule?.docsUrl;
  return (
    <li>
      {divider && <Divider />}
      <div className={classes.finding}>
        <div className={classes.header}>
          <SeverityLabel severity={finding.severity} />
          <Typography variant="subtitle1" component="h4">
            {finding.message}
          </Typography>
        </div>
        <Box className={classes.header} mt={0.5}>
          <Chip size="small" label={finding.ruleId} title={rule?.title} />
          {finding.equivalents.map(id => (
            <Chip key={id} size="small" variant="outlined" label={id} />
          ))}
          {location && (
            <Typography variant="body2" className={classes.location}>
              <code className={classes.code}>{location}</code>
            </Typography>
          )}
        </Box>
        {rule?.description && (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 8 }}
          >
            <strong>Why it matters:</strong> {rule.description}
          </Typography>
        )}
        <Typography variant="body2" style={{ marginTop: 8 }}>
          <strong>Fix:</strong> {remediation.summary}
          {docsUrl && (
            <>
              {' '}
              <MuiLink href={docsUrl} target="_blank" rel="noopener">
                Learn more
              </MuiLink>
            </>
          )}
        </Typography>
        {(remediation.before || remediation.after) && (
          <Grid container spacing={2} style={{ marginTop: 4 }}>
            {remediation.before && (
              <Grid item xs={12} md={remediation.after ? 6 : 12}>
                <Typography variant="overline" component="p">
                  Before
                </Typography>
                <CodeSnippet
                  text={remediation.before}
                  language="dockerfile"
                  showCopyCodeButton
                />
              </Grid>
            )}
            {remediation.after && (
              <Grid item xs={12} md={remediation.before ? 6 : 12}>
                <Typography variant="overline" component="p">
                  After
                </Typography>
                <CodeSnippet
                  text={remediation.after}
                  language="dockerfile"
                  showCopyCodeButton
                />
              </Grid>
            )}
          </Grid>
        )}
      </div>
    </li>
  );
};

/** One chip per category with findings (and "All"): picking one shows only that category. */
const CategoryFilter = ({
  counts,
  total,
  selected,
  onSelect,
}: {
  counts: Array<{ category: FindingCategory; count: number }>;
  total: number;
  selected?: FindingCategory;
  onSelect: (category: FindingCategory | undefined) => void;
}) => {
  const classes = useStyles();
  const choices = [
    { key: 'all', label: `All (${total})`, category: undefined },
    ...counts.map(({ category, count }) => ({
      key: category,
      label: `${CATEGORY_TITLES[category]} (${count})`,
      category,
    })),
  ];
  return (
    <Box
      className={classes.header}
      mb={2}
      role="group"
      aria-label="Show findings of"
    >
      {choices.map(choice => (
        <Chip
          key={choice.key}
          label={choice.label}
          clickable
          color={choice.category === selected ? 'primary' : 'default'}
          aria-pressed={choice.category === selected}
          onClick={() => onSelect(choice.category)}
        />
      ))}
    </Box>
  );
};

/** Findings grouped by category, most severe first, each with its fix; filterable by category. */
export const FindingsList = ({
  findings,
  rules,
}: {
  findings: Finding[];
  /** The rule catalogue by id (and equivalent ids), for why a finding matters. */
  rules?: Map<string, RuleInfo>;
}) => {
  const [selected, setSelected] = useState<FindingCategory>();
  const all = groupFindings(findings);
  // A category that no longer has findings (a rescan fixed them) shows all again.
  const shown = all.some(g => g.category === selected) ? selected : undefined;
  const groups = shown ? all.filter(g => g.category === shown) : all;
  return (
    <InfoCard title={`Findings (${findings.length})`}>
      {all.length > 1 && (
        <CategoryFilter
          counts={all.map(g => ({
            category: g.category,
            count: g.findings.length,
          }))}
          total={findings.length}
          selected={shown}
          onSelect={setSelected}
        />
      )}
      {groups.length === 0 ? (
        <EmptyState
          missing="data"
          title="No findings"
          description="Nothing to improve was found in the Dockerfiles and images of this entity."
        />
      ) : (
        groups.map((group, index) => (
          <Box key={group.category} component="section" mt={index ? 3 : 0}>
            <Typography variant="h6" component="h3">
              {CATEGORY_TITLES[group.category]} ({group.findings.length})
            </Typography>
            <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {group.findings.map((finding, i) => (
                <FindingItem
                  key={i}
                  finding={finding}
                  rule={rules?.get(finding.ruleId)}
                  divider={i > 0}
                />
              ))}
            </Box>
          </Box>
        ))
      )}
    </InfoCard>
  );
};
