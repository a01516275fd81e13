import type { Payload, Where } from 'payload'

import { relationId } from '../content/relations'
import { dispatchEvent } from '../webhooks/dispatchEvent'
import { publisherFor } from './createPublisher'
import { LibraryReader } from './libraryReader'
import type { PublishReport } from './publisher'

export interface DirectoryChange {
  doctorIds: string[]
  clinicIds: string[]
  specialtyIds: string[]
}

/**
 * A change to the directory (a doctor, a clinic, a specialty) republishes the doctor directory,
 * the specialty files and every published article that shows an affected doctor.
 */
export async function publishAfterDirectoryChange(payload: Payload, change: DirectoryChange, triggerId: string): Promise<PublishReport> {
  const or: Where[] = [
    ...(change.doctorIds.length > 0 ? [{ id: { in: change.doctorIds } }] : []),
    ...(change.clinicIds.length > 0 ? [{ clinic: { in: change.clinicIds } }] : []),
    ...(change.specialtyIds.length > 0 ? [{ specialty: { in: change.specialtyIds } }] : []),
  ]
  const related = or.length > 0 ? (await payload.find({ collection: 'doctors', where: { or }, depth: 0, pagination: false, select: { specialty: true }, overrideAccess: true })).docs : []
  const doctorIds = [...new Set([...change.doctorIds, ...related.map((doctor) => doctor.id)])]
  const specialtyIds = [
    ...new Set([...change.specialtyIds, ...related.map((doctor) => relationId(doctor.specialty)!)]),
  ]
  const articleIds = await new LibraryReader(payload, '').publishedArticleIdsShowing(doctorIds, specialtyIds)
  const report = await publisherFor(payload).publish({ kind: 'articles', ids: articleIds, directoryChanged: true })
  await dispatchEvent(payload, {
    id: `msg_${triggerId}`,
    type: 'doctors.published',
    locale: null,
    timestamp: new Date().toISOString(),
    data: { doctorIds: change.doctorIds, clinicIds: change.clinicIds, specialtyIds: change.specialtyIds, articles: articleIds.length, written: report.written },
  })
  return report
}
