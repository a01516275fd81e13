import { DomainError, errorAnswer } from '../../src/errors/domainError'
import { RequestBodyMalformedError, RequestBodyTooLargeError } from '../../src/api/requestBody'
import { WorkflowError } from '../../src/workflow/errors'
import { XliffImportError, type XliffProblem } from '../../src/localization/xliff/problems'
import { NewsletterError } from '../../src/newsletter/errors'
import { MailFailure } from '../../src/mail/mailer'
import { DatabaseBusyError } from '../../src/database/sqliteWriteGate'
import { PublishTargetError } from '../../src/publishing/targets/target'

describe('domain error base', () => {
  it('when an error is made from its options, then it carries code, status, message, details and cause', () => {
    const cause = new Error('EACCES')

    const error = new DomainError({ code: 'SOMETHING_REFUSED', status: 409, message: 'Do the other thing first.', details: { currentState: 'draft' }, cause })

    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ name: 'DomainError', code: 'SOMETHING_REFUSED', status: 409, message: 'Do the other thing first.', details: { currentState: 'draft' } })
    expect(error.cause).toBe(cause)
  })

  it.each([
    ['the workflow', new WorkflowError({ code: 'WORKFLOW_NOTE_REQUIRED', status: 400, message: 'Add a note.' }), 'WorkflowError', 'WORKFLOW_NOTE_REQUIRED', 400],
    ['the newsletter', new NewsletterError({ code: 'NEWSLETTER_TOKEN_EXPIRED', status: 410, message: 'Subscribe again.' }), 'NewsletterError', 'NEWSLETTER_TOKEN_EXPIRED', 410],
    ['the database', new DatabaseBusyError({ message: 'Try again.' }), 'DatabaseBusyError', 'DATABASE_BUSY', 503],
    ['a publish target', new PublishTargetError({ code: 'PUBLISH_TARGET_UNREACHABLE', message: 'Check the bucket.' }), 'PublishTargetError', 'PUBLISH_TARGET_UNREACHABLE', 502],
    ['the mail transport', new MailFailure({ kind: 'permanent', hardBounce: true, message: 'No such mailbox.', responseCode: 550 }), 'MailFailure', 'MAIL_HARD_BOUNCE', 502],
  ])('when %s refuses, then its error is a domain error named by its class', (_who, error, name, code, status) => {
    expect(error).toBeInstanceOf(DomainError)
    expect(error).toMatchObject({ name, code, status })
  })

  it('when an XLIFF file is refused, then the message lists each problem and the details carry them', () => {
    const problems: XliffProblem[] = [
      { code: 'XLIFF_EMPTY_TARGET', message: 'Line 4: the target is empty.' },
      { code: 'XLIFF_UNKNOWN_UNIT', message: 'Line 9: no such unit.' },
    ]

    const error = new XliffImportError({ problems })

    expect(error).toMatchObject({ code: 'XLIFF_REJECTED', status: 422, problems, details: { problems } })
    expect(error.message).toBe('Nothing was imported: the file has 2 problems.\n- Line 4: the target is empty.\n- Line 9: no such unit.')
  })
})

describe('the one error answer', () => {
  it('when an error has details, then the answer is code, message and details', () => {
    const error = new WorkflowError({ code: 'WORKFLOW_TRANSITION_INVALID', status: 409, message: 'Not from here.', details: { currentState: 'in_review', allowedNextStates: ['approved'] } })

    expect(errorAnswer(error)).toEqual({ code: 'WORKFLOW_TRANSITION_INVALID', message: 'Not from here.', details: { currentState: 'in_review', allowedNextStates: ['approved'] } })
  })

  it.each([
    ['no details', undefined],
    ['empty details', {}],
  ])('when an error has %s, then the answer is code and message only', (_what, details) => {
    expect(errorAnswer(new DomainError({ code: 'X_REFUSED', status: 400, message: 'Send less.', details }))).toEqual({ code: 'X_REFUSED', message: 'Send less.' })
  })

  it('when a body is too large or not JSON, then the refusals keep the API guard’s codes and words', () => {
    expect(new RequestBodyTooLargeError({ maxBytes: 2 * 1024 * 1024 })).toMatchObject({
      code: 'REQUEST_BODY_TOO_LARGE',
      status: 413,
      message: 'The request body is larger than 2.0 MB, the most this server reads. Send less: one document per request, images within the upload limit.',
      details: { maxBytes: 2 * 1024 * 1024 },
    })
    expect(new RequestBodyMalformedError({ problem: 'Unexpected end of JSON input' })).toMatchObject({
      code: 'REQUEST_BODY_MALFORMED',
      status: 400,
      message: 'The body is not valid JSON (Unexpected end of JSON input). Send one JSON object with Content-Type: application/json.',
    })
  })
})
