'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import type { SendSummary } from '../sendOperations'

const STATUSES = ['held', 'queued', 'sending', 'sent', 'failed', 'skipped'] as const

/** Counts per state and language of one send, its failures, and the operator's actions. */
export function SendProgress() {
  const { id } = useDocumentInfo()
  const [summary, setSummary] = useState<SendSummary | null>(null)
  const [message, setMessage] = useState<string>('')

  const load = useCallback(async () => {
    if (!id) return
    const response = await fetch(`/api/newsletter-sends/${id}/summary`, { credentials: 'include' })
    if (response.ok) setSummary((await response.json()) as SendSummary)
  }, [id])

  useEffect(() => {
    void load()
    const timer = setInterval(() => void load(), 5000)
    return () => clearInterval(timer)
  }, [load])

  const act = async (action: 'resume' | 'cancel' | 'test-email', confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return
    const response = await fetch(`/api/newsletter-sends/${id}/${action}`, { method: 'POST', credentials: 'include' })
    const body = (await response.json()) as { message?: string; to?: string }
    setMessage(response.ok ? (action === 'test-email' ? `Test email sent to ${body.to}.` : `Done: ${action}.`) : (body.message ?? `Failed (${response.status}).`))
    await load()
  }

  if (!id) return null
  if (!summary) return <p>Loading the send’s progress…</p>
  const languages = Object.keys(summary.byLanguage)
  return (
    <div style={{ marginBottom: '2rem' }}>
      <h3>
        Progress: {summary.status} · {summary.total} recipients{summary.preparing ? ' so far; more are being added' : ''}
      </h3>
      <table style={{ borderCollapse: 'collapse', minWidth: '28rem' }}>
        <thead>
          <tr>
            <th style={{ textAlign: 'left' }}>Language</th>
            {STATUSES.map((status) => (
              <th key={status} style={{ textAlign: 'right', padding: '0 .6rem' }}>
                {status}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {languages.map((language) => (
            <tr key={language}>
              <td>{language}</td>
              {STATUSES.map((status) => (
                <td key={status} style={{ textAlign: 'right', padding: '0 .6rem' }}>
                  {summary.byLanguage[language]?.[status] ?? 0}
                </td>
              ))}
            </tr>
          ))}
          <tr style={{ fontWeight: 600 }}>
            <td>All</td>
            {STATUSES.map((status) => (
              <td key={status} style={{ textAlign: 'right', padding: '0 .6rem' }}>
                {summary.byStatus[status]}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p>Possible duplicates (a worker stopped mid-send): {summary.possibleDuplicates}</p>
      {summary.throttling.waiting > 0 && (
        <p role="status">
          Throttled: the mail server asked to slow down; sending has slowed and {summary.throttling.waiting} recipient(s) wait to be tried again.
        </p>
      )}
      <p>Recipients the mail server throttled at least once (tried again later, not counted as failures): {summary.throttling.recipients}</p>
      {summary.failures.length > 0 && (
        <>
          <h4>Failures</h4>
          <ul>
            {summary.failures.map((failure) => (
              <li key={failure.email}>
                {failure.email} ({failure.language}): {failure.code} {failure.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <div style={{ display: 'flex', gap: '.6rem' }}>
        <button type="button" className="btn btn--style-primary btn--size-small" onClick={() => void act('resume')}>
          Resume
        </button>
        <button type="button" className="btn btn--style-secondary btn--size-small" onClick={() => void act('cancel', 'Cancel this send? Nobody not yet emailed will be.')}>
          Cancel
        </button>
        <button type="button" className="btn btn--style-secondary btn--size-small" onClick={() => void act('test-email')}>
          Send test email to me
        </button>
      </div>
      {message && <p role="status">{message}</p>}
    </div>
  )
}
