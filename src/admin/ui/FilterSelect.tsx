import React from 'react'

export interface FilterChoice {
  value: string
  label: string
}

/**
 * A log's filter: a labelled select whose first choice, "any", leaves the list unfiltered. It sits
 * in a `FilterForm`, a plain GET form, so a filtered list is a link one can share.
 */
export function FilterSelect({ label, name, value, anyLabel, choices }: { label: string; name: string; value: string; anyLabel: string; choices: FilterChoice[] }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value}>
        <option value="">{anyLabel}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** The filters above a list and the button that applies them. */
export function FilterForm({ applyLabel, testId, children }: { applyLabel: string; testId?: string; children: React.ReactNode }) {
  return (
    <form method="get" className="vp-filters" data-testid={testId}>
      {children}
      <button type="submit" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }}>
        {applyLabel}
      </button>
    </form>
  )
}
