import { Grid, MenuItem, TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import type { ScorecardPolicyFilter, ScorecardQuery } from '../../api';
import { GRADES } from '../common';

export type ScorecardFilterValues = Pick<
  ScorecardQuery,
  'owner' | 'kind' | 'type' | 'lifecycle' | 'system' | 'grade' | 'policy' | 'q'
>;

const POLICY_CHOICES: Array<{ value: ScorecardPolicyFilter; label: string }> = [
  { value: 'violating', label: 'Violations' },
  { value: 'compliant', label: 'Compliant' },
];

export type FilterOptions = Partial<
  Record<'owner' | 'kind' | 'type' | 'lifecycle' | 'system', string[]>
>;

const PICKERS: Array<{
  key: keyof FilterOptions;
  label: string;
}> = [
  { key: 'owner', label: 'Owner' },
  { key: 'kind', label: 'Kind' },
  { key: 'type', label: 'Type' },
  { key: 'lifecycle', label: 'Lifecycle' },
  { key: 'system', label: 'System' },
];

/**
 * The text search keeps its own state and reports after a pause, so typing
 * re-renders the box, not the whole page. A value that changes from outside
 * (the back button, a cleared filter) replaces what is in the box.
 */
const SearchField = ({
  value,
  onSearch,
}: {
  value?: string;
  onSearch: (q: string | undefined) => void;
}) => {
  const [text, setText] = useState(value ?? '');
  const reported = useRef(value);
  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      setText(value ?? '');
    }
  }, [value]);
  useDebounce(
    () => {
      const q = text.trim() || undefined;
      if (q !== reported.current) {
        reported.current = q;
        onSearch(q);
      }
    },
    300,
    [text],
  );
  return (
    <TextField
      label="Search"
      placeholder="Name or title"
      variant="outlined"
      size="small"
      fullWidth
      value={text}
      onChange={event => setText(event.target.value)}
      inputProps={{ 'aria-label': 'Search entities' }}
    />
  );
};

/** A closed list to pick one from, or "Any" (which shows when nothing is picked, not an empty box). */
function ChoiceFilter<T extends string>({
  name,
  label,
  choices,
  value,
  onChange,
}: {
  name: string;
  label: string;
  choices: ReadonlyArray<{ value: T; label: string }>;
  value?: T;
  onChange: (value: T | undefined) => void;
}) {
  return (
    <TextField
      select
      id={`image-health-${name}-filter`}
      label={label}
      variant="outlined"
      size="small"
      fullWidth
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
      value={value ?? ''}
      onChange={event => onChange((event.target.value as T) || undefined)}
    >
      <MenuItem value="">Any</MenuItem>
      {choices.map(choice => (
        <MenuItem key={choice.value} value={choice.value}>
          {choice.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * The scorecard's filters. Pickers offer what the catalog knows and accept
 * free text too, so a missing facet never blocks filtering.
 */
export const ScorecardFilters = ({
  values,
  options,
  onChange,
  onSearch,
}: {
  values: ScorecardFilterValues;
  options: FilterOptions;
  /** A picker or the grade changed. */
  onChange: (values: ScorecardFilterValues) => void;
  /** The search text changed, after a pause in typing. */
  onSearch: (values: ScorecardFilterValues) => void;
}) => (
  <Grid container spacing={2} alignItems="center">
    <Grid item xs={12} md={3}>
      <SearchField
        value={values.q}
        onSearch={q => onSearch({ ...values, q })}
      />
    </Grid>
    {PICKERS.map(picker => (
      <Grid item xs={6} md key={picker.key}>
        <Autocomplete
          id={`image-health-${picker.key}-filter`}
          freeSolo
          autoSelect
          size="small"
          options={options[picker.key] ?? []}
          value={values[picker.key] ?? null}
          onChange={(_, value) =>
            onChange({ ...values, [picker.key]: value || undefined })
          }
          renderInput={params => (
            <TextField {...params} label={picker.label} variant="outlined" />
          )}
        />
      </Grid>
    ))}
    <Grid item xs={6} md={1}>
      <ChoiceFilter
        name="grade"
        label="Grade"
        choices={GRADES.map(grade => ({ value: grade, label: grade }))}
        value={values.grade}
        onChange={grade => onChange({ ...values, grade })}
      />
    </Grid>
    <Grid item xs={6} md={1}>
      <ChoiceFilter
        name="policy"
        label="Policy"
        choices={POLICY_CHOICES}
        value={values.policy}
        onChange={policy => onChange({ ...values, policy })}
      />
    </Grid>
  </Grid>
);
