import { Grid, MenuItem, TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import type { Grade } from '@image-health/plugin-image-health-common';
import type { ScorecardQuery } from '../../api';

export type ScorecardFilterValues = Pick<
  ScorecardQuery,
  'owner' | 'kind' | 'type' | 'lifecycle' | 'system' | 'grade' | 'q'
>;

export type FilterOptions = Partial<
  Record<'owner' | 'kind' | 'type' | 'lifecycle' | 'system', string[]>
>;

const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'E', 'F', 'N/A'];

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
 * The scorecard's filters. Pickers offer what the catalog knows and accept
 * free text too, so a missing facet never blocks filtering.
 */
export const ScorecardFilters = ({
  values,
  text,
  options,
  onChange,
  onTextChange,
}: {
  values: ScorecardFilterValues;
  /** The search box's own value; `values.q` follows it after a pause. */
  text: string;
  options: FilterOptions;
  onChange: (values: ScorecardFilterValues) => void;
  onTextChange: (text: string) => void;
}) => (
  <Grid container spacing={2} alignItems="center">
    <Grid item xs={12} md={3}>
      <TextField
        label="Search"
        placeholder="Name or title"
        variant="outlined"
        size="small"
        fullWidth
        value={text}
        onChange={event => onTextChange(event.target.value)}
        inputProps={{ 'aria-label': 'Search entities' }}
      />
    </Grid>
    {PICKERS.map(picker => (
      <Grid item xs={6} md={true} key={picker.key}>
        <Autocomplete
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
        label="Grade"
        variant="outlined"
        size="small"
        fullWidth
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
