import { Grid, MenuItem, TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import type { Grade } from '@image-health/plugin-image-health-common';
import type { ScorecardQuery } from '../../api';
import { GRADES } from '../common';

export type ScorecardFilterValues = Pick<
  ScorecardQuery,
  'owner' | 'kind' | 'type' | 'lifecycle' | 'system' | 'grade' | 'q'
>;

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
      <TextField
        select
        id="image-health-grade-filter"
        label="Grade"
        variant="outlined"
        size="small"
        fullWidth
        // "Any" shows when no grade is picked, not an empty box.
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
        value={values.grade ?? ''}
        onChange={event =>
          onChange({
            ...values,
            grade: (event.target.value as Grade) || undefined,
          })
        }
      >
        <MenuItem value="">Any</MenuItem>
        {GRADES.map(grade => (
          <MenuItem key={grade} value={grade}>
            {grade}
          </MenuItem>
        ))}
      </TextField>
    </Grid>
  </Grid>
);
