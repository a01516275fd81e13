'use client'

import { Button, toast, useConfig } from '@payloadcms/ui'
import React, { useEffect, useMemo, useState } from 'react'

import { useHydrated } from '../../admin/ui/hydrated'

export interface EditorUnit {
  id: string
  label: string
  rich: boolean
  /** The source text, rendered on the server. */
  source: React.ReactNode
  /** The current translation in the editor's markup; empty when there is none. */
  target: string
}

export interface EditorGroup {
  id: string
  title: string
  outdated: boolean
  untranslated: boolean
  /** The groups a "still correct" tick confirms. */
  confirmGroups: string[]
  units: EditorUnit[]
}

export interface LocaleAction {
  to: 'in_review' | 'approved' | 'in_progress'
  /** Why the action cannot be taken yet (the sections still outdated); null when it can. */
  blockedBy: string | null
}

export interface EditorLabels {
  english: string
  translation: string
  outdated: string
  untranslated: string
  confirm: string
  save: string
  saved: string
  saveFirst: string
  noChanges: string
  failed: string
  markupHint: string
  note: string
  noteHint: string
  actions: Record<LocaleAction['to'], string>
  downloadXliff: string
  downloadOutdatedXliff: string
  uploadXliff: string
  uploaded: string
  uploadFailed: string
  working: string
  /** With `{{language}}`, `{{grade}}` and `{{target}}` left for a readability warning's details. */
  readabilityWarning: string
}

interface Props {
  articleId: string
  locale: string
  dir: 'ltr' | 'rtl'
  mayEdit: boolean
  groups: EditorGroup[]
  actions: LocaleAction[]
  labels: EditorLabels
}

type Problems = Array<{ message: string }>

interface SubmissionWarning {
  code: string
  message: string
  details?: { languageName?: string; grade?: number; targetGrade?: number }
}

/** Warnings of a submission outlive the reload that shows its new state, for this tab only. */
const WARNINGS_KEY = 'vitalpress.translate.warnings'

function warningText(template: string, warning: SubmissionWarning): string {
  if (warning.code !== 'READABILITY_ABOVE_TARGET' || !warning.details) return warning.message
  const values: Record<string, string> = {
    language: warning.details.languageName ?? '',
    grade: warning.details.grade?.toFixed(1) ?? '',
    target: String(warning.details.targetGrade ?? ''),
  }
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '')
}

/**
 * The side-by-side editor: the source of each text on one side, its translation on the other.
 * Saving sends only the texts that changed (and the ticked "still correct" sections) to
 * `POST /api/articles/:id/locales/:locale/draft`; the locale's review actions and the XLIFF
 * exchange use the translation endpoints. The page reloads after each change of state.
 */
export function TranslateEditor({ articleId, locale, dir, mayEdit, groups, actions, labels }: Props) {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  const base = `${serverURL}${api}/articles/${articleId}`
  const initial = useMemo(() => Object.fromEntries(groups.flatMap((group) => group.units.map((unit) => [unit.id, unit.target]))), [groups])
  const [values, setValues] = useState<Record<string, string>>(initial)
  const [confirmed, setConfirmed] = useState<string[]>([])
  const [note, setNote] = useState('')
  const hydrated = useHydrated()
  const [busy, setBusy] = useState(false)
  const [problems, setProblems] = useState<Problems>([])
  const [warnings, setWarnings] = useState<string[]>([])

  useEffect(() => {
    const kept = window.sessionStorage.getItem(WARNINGS_KEY)
    if (!kept) return
    window.sessionStorage.removeItem(WARNINGS_KEY)
    const texts = JSON.parse(kept) as string[]
    setWarnings(texts)
    for (const text of texts) toast.warning(text)
  }, [])

  const changed = Object.keys(values).filter((id) => values[id] !== initial[id])
  const dirty = changed.length > 0 || confirmed.length > 0

  const call = async (url: string, init: RequestInit, success: string): Promise<boolean> => {
    setBusy(true)
    setProblems([])
    try {
      const response = await fetch(url, { credentials: 'include', ...init })
      const body = (await response.json().catch(() => ({}))) as { message?: string; details?: { problems?: Problems; errors?: Problems }; warnings?: SubmissionWarning[] }
      if (!response.ok) {
        const listed = body.details?.problems ?? body.details?.errors ?? []
        setProblems(listed.length > 0 ? listed : [{ message: body.message ?? labels.failed }])
        toast.error(body.message ?? labels.failed)
        return false
      }
      toast.success(success)
      const said = (body.warnings ?? []).map((warning) => warningText(labels.readabilityWarning, warning))
      if (said.length > 0) window.sessionStorage.setItem(WARNINGS_KEY, JSON.stringify(said))
      window.location.reload()
      return true
    } finally {
      setBusy(false)
    }
  }

  const save = () =>
    call(
      `${base}/locales/${locale}/draft`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ units: Object.fromEntries(changed.map((id) => [id, values[id]])), confirmed }),
      },
      labels.saved,
    )

  const move = (action: LocaleAction) =>
    call(
      `${base}/locales/${locale}/transition`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ to: action.to, ...(note.trim() ? { note: note.trim() } : {}) }),
      },
      labels.actions[action.to],
    )

  const upload = async (file: File | undefined) => {
    if (!file) return
    await call(`${base}/xliff?locale=${locale}`, { method: 'POST', headers: { 'Content-Type': 'application/xliff+xml' }, body: await file.text() }, labels.uploaded)
  }

  const takesNote = actions.some((action) => action.to === 'in_progress')

  return (
    <div data-testid="translate-editor">
      <div className="vp-translate__toolbar">
        {mayEdit && (
          <Button buttonStyle="primary" size="small" margin={false} disabled={!hydrated || busy || !dirty} onClick={() => void save()}>
            {busy ? labels.working : labels.save}
          </Button>
        )}
        {actions.map((action) => (
          <Button
            key={action.to}
            buttonStyle={action.to === 'in_progress' ? 'secondary' : 'primary'}
            size="small"
            margin={false}
            disabled={!hydrated || busy || dirty || action.blockedBy !== null || (action.to === 'in_progress' && !note.trim())}
            tooltip={action.blockedBy ?? (dirty ? labels.saveFirst : undefined)}
            onClick={() => void move(action)}
          >
            {labels.actions[action.to]}
          </Button>
        ))}
        <a className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }} href={`${base}/xliff?locale=${locale}`} download>
          {labels.downloadXliff}
        </a>
        <a className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }} href={`${base}/xliff?locale=${locale}&outdatedOnly=true`} download>
          {labels.downloadOutdatedXliff}
        </a>
        {mayEdit && (
          <label className="btn btn--style-secondary btn--size-small" style={{ margin: 0, cursor: 'pointer' }}>
            {labels.uploadXliff}
            <input
              type="file"
              accept=".xlf,.xliff,application/xliff+xml"
              data-testid="xliff-upload"
              style={{ display: 'none' }}
              onChange={(event) => void upload(event.target.files?.[0])}
            />
          </label>
        )}
      </div>
      {actions.some((action) => action.blockedBy) && <p className="vp-translate__problems">{actions.find((action) => action.blockedBy)?.blockedBy}</p>}
      {takesNote && (
        <label style={{ display: 'block', marginBottom: 'var(--base)' }}>
          {labels.note}
          <textarea value={note} rows={2} onChange={(event) => setNote(event.target.value)} data-testid="locale-note" />
          <small style={{ color: 'var(--theme-elevation-500)' }}>{labels.noteHint}</small>
        </label>
      )}
      {warnings.length > 0 && (
        <ul className="vp-translate__problems" role="status" data-testid="translate-warnings">
          {warnings.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <ul className="vp-translate__problems" role="alert">
          {problems.map((problem, index) => (
            <li key={index}>{problem.message}</li>
          ))}
        </ul>
      )}
      {mayEdit && <p className="vp-view__intro">{labels.markupHint}</p>}
      {groups.map((group) => (
        <section
          key={group.id}
          className={`vp-translate__section${group.outdated ? ' vp-translate__section--outdated' : group.untranslated ? ' vp-translate__section--untranslated' : ''}`}
          data-testid={`translate-group-${group.id}`}
          data-outdated={group.outdated ? 'true' : 'false'}
        >
          <header>
            <h3>{group.title}</h3>
            {group.outdated && <span className="vp-badge vp-badge--outdated">{labels.outdated}</span>}
            {group.untranslated && <span className="vp-badge vp-badge--in_progress">{labels.untranslated}</span>}
            {mayEdit && group.confirmGroups.length > 0 && (
              <label style={{ marginInlineStart: 'auto', fontSize: '0.85rem' }}>
                <input
                  type="checkbox"
                  checked={group.confirmGroups.every((id) => confirmed.includes(id))}
                  onChange={(event) =>
                    setConfirmed((current) =>
                      event.target.checked ? [...new Set([...current, ...group.confirmGroups])] : current.filter((id) => !group.confirmGroups.includes(id)),
                    )
                  }
                />{' '}
                {labels.confirm}
              </label>
            )}
          </header>
          {group.units.map((unit) => (
            <div key={unit.id} className="vp-translate__unit">
              <span className="vp-translate__label">{unit.label}</span>
              <div className="vp-translate__source" lang="en" aria-label={labels.english}>
                {unit.source}
              </div>
              <textarea
                lang={locale}
                dir={dir}
                aria-label={`${labels.translation}: ${unit.label}`}
                data-unit={unit.id}
                readOnly={!mayEdit}
                value={values[unit.id] ?? ''}
                rows={Math.min(8, Math.max(2, Math.ceil((values[unit.id] ?? '').length / 60)))}
                onChange={(event) => setValues((current) => ({ ...current, [unit.id]: event.target.value }))}
              />
            </div>
          ))}
        </section>
      ))}
    </div>
  )
}
