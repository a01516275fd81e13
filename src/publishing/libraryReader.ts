import type { Payload, PayloadRequest, Where } from 'payload'

import { SOURCE_LOCALE, type Language } from '../languages/registry'
import type { Media } from '../payload-types'
import type { PublishedImage } from './publishedJson'
import type { ArticleRecord } from './render/article'
import { compareByName, type DirectorySnapshot, type DoctorRecord } from './render/directory'
import { relationId } from '../content/relations'

type Locale = 'en' | 'hi' | 'ta'
/** Locales come from translations/ at run time; the generated types list today's folders. */
const asLocale = (code: string) => code as Locale

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : relationId(value)!

export const PUBLISHED: Where = { _status: { equals: 'published' } }

/**
 * Reads what publishing needs through the Local API: published articles, approved translation
 * versions and the directory around them. Everything is read at depth 0 and joined in memory,
 * so a rebuild makes a few queries per page of articles rather than one per relation.
 */
export class LibraryReader {
  constructor(
    private readonly payload: Payload,
    private readonly mediaBaseUrl: string,
    private readonly req?: Partial<PayloadRequest>,
  ) {}

  /** The directory around the articles as a reader in this language sees it. */
  async directory(language: Language): Promise<DirectorySnapshot> {
    return (await this.directories([language]))[0]
  }

  /**
   * The directory in each of these languages. Doctors and people have no localized fields, so
   * they are read once for all the languages: at 300 doctors, each read took about 20 ms, and a
   * publish in 8 languages spent most of its time reading the same doctors again.
   */
  async directories(languages: Language[]): Promise<DirectorySnapshot[]> {
    const [doctors, people] = await Promise.all([
      this.payload.find({ collection: 'doctors', depth: 0, pagination: false, sort: 'name', req: this.req, overrideAccess: true }),
      this.payload.find({ collection: 'users', depth: 0, pagination: false, select: { name: true }, req: this.req, overrideAccess: true }),
    ])
    const doctorRecords: DoctorRecord[] = doctors.docs
      .map((doctor) => ({
        id: doctor.id,
        name: doctor.name,
        specialtyId: idOf(doctor.specialty) ?? '',
        practicingSince: doctor.practicingSince,
        qualifications: (doctor.qualifications ?? []).map((entry) => entry.qualification),
        clinicId: idOf(doctor.clinic) ?? '',
        photoId: idOf(doctor.photo),
        languagesSpoken: (doctor.languagesSpoken ?? []) as string[],
        active: doctor.active !== false,
      }))
      .sort(compareByName)
    const doctorsById = new Map(doctorRecords.map((doctor) => [doctor.id, doctor]))
    const names = new Map(people.docs.map((person) => [person.id, person.name]))
    const photoIds = doctorRecords.map((doctor) => doctor.photoId).filter((id): id is string => id !== null)
    return Promise.all(
      languages.map(async (language) => {
        const locale = asLocale(language.code)
        const [specialties, clinics, images] = await Promise.all([
          this.payload.find({ collection: 'specialties', locale, depth: 0, pagination: false, req: this.req, overrideAccess: true }),
          this.payload.find({ collection: 'clinics', locale, depth: 0, pagination: false, req: this.req, overrideAccess: true }),
          this.images(photoIds, language),
        ])
        return {
          language,
          specialties: new Map(
            specialties.docs.map((specialty) => [
              specialty.id,
              { id: specialty.id, slug: specialty.slug, name: specialty.name, singular: specialty.doctorTitle.singular, plural: specialty.doctorTitle.plural },
            ]),
          ),
          clinics: new Map(clinics.docs.map((clinic) => [clinic.id, { id: clinic.id, name: clinic.name, city: clinic.city }])),
          // Shared by every language's snapshot and read-only once made; `images` is each language's own.
          doctors: doctorRecords,
          doctorsById,
          images,
          people: names,
        }
      }),
    )
  }

  /** The images with these ids, with their alt text in the language and an address per size. */
  async images(ids: string[], language: Language): Promise<Map<string, PublishedImage>> {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return new Map()
    const found = await this.payload.find({
      collection: 'media',
      where: { id: { in: unique } },
      locale: asLocale(language.code),
      depth: 0,
      pagination: false,
      req: this.req,
      overrideAccess: true,
    })
    return new Map(found.docs.filter((media) => media.url).map((media) => [media.id, this.publishedImage(media)]))
  }

  private publishedImage(media: Media): PublishedImage {
    const address = (url: string) => (/^https?:\/\//.test(url) ? url : `${this.mediaBaseUrl}${url}`)
    const sizes = Object.entries(media.sizes ?? {})
      .filter(([, size]) => size?.url && size.width)
      .map(([name, size]) => ({ name, url: address(size!.url!), width: size!.width!, ...(size!.height ? { height: size!.height } : {}) }))
      .sort((a, b) => a.width - b.width)
    return {
      alt: media.alt ?? '',
      url: address(media.url!),
      ...(media.width ? { width: media.width } : {}),
      ...(media.height ? { height: media.height } : {}),
      sizes,
    }
  }

  async countPublished(): Promise<number> {
    return (await this.payload.count({ collection: 'articles', where: PUBLISHED, req: this.req, overrideAccess: true })).totalDocs
  }

  /**
   * The next page of published articles in the source language, in slug order: those whose slug
   * comes after `afterSlug` (from the start when null). Paging by the last slug read keeps every
   * page as cheap as the first, where numbered pages make the database step over all earlier rows.
   */
  async publishedPageAfter(afterSlug: string | null, limit: number): Promise<ArticleRecord[]> {
    const found = await this.payload.find({
      collection: 'articles',
      where: afterSlug === null ? PUBLISHED : { and: [PUBLISHED, { slug: { greater_than: afterSlug } }] },
      locale: SOURCE_LOCALE as Locale,
      depth: 0,
      draft: false,
      limit,
      sort: 'slug',
      req: this.req,
      overrideAccess: true,
    })
    return found.docs as ArticleRecord[]
  }

  /** The articles with these ids, published or not (so an unpublished one can be taken down). */
  async articles(ids: string[]): Promise<ArticleRecord[]> {
    if (ids.length === 0) return []
    const found = await this.payload.find({
      collection: 'articles',
      where: { id: { in: ids } },
      locale: SOURCE_LOCALE as Locale,
      depth: 0,
      draft: false,
      pagination: false,
      req: this.req,
      overrideAccess: true,
    })
    return found.docs as ArticleRecord[]
  }

  /** Ids of published articles that show any of these doctors or belong to any of these specialties. */
  async publishedArticleIdsShowing(doctorIds: string[], specialtyIds: string[]): Promise<string[]> {
    const or: Where[] = []
    if (doctorIds.length > 0) or.push({ featuredDoctors: { in: doctorIds } })
    if (specialtyIds.length > 0) or.push({ specialty: { in: specialtyIds } })
    if (or.length === 0) return []
    const found = await this.payload.find({
      collection: 'articles',
      where: { and: [PUBLISHED, { or }] },
      depth: 0,
      draft: false,
      pagination: false,
      select: { slug: true },
      req: this.req,
      overrideAccess: true,
    })
    return found.docs.map((doc) => doc.id)
  }
}
