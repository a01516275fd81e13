import { yearsOfExperience } from '../../content/experience'
import type { Language } from '../../languages/registry'
import { articleIndexShardPath, specialtyArticlesPath } from '../layout'
import type {
  ArticleIndexDocument,
  ArticleIndexEntry,
  ArticleIndexShardDocument,
  ArticleShardSummary,
  DoctorDirectoryDocument,
  PublishedDoctor,
  PublishedImage,
  SpecialtyArticlesDocument,
  SpecialtyDocument,
} from '../publishedJson'
import type { LocaleLabels } from '../readerLabels'

export interface SpecialtyRecord {
  id: string
  slug: string
  name: string
  singular: string
  plural: string
}

export interface ClinicRecord {
  id: string
  name: string
  city: string
}

export interface DoctorRecord {
  id: string
  name: string
  specialtyId: string
  practicingSince: number
  qualifications: string[]
  clinicId: string
  photoId: string | null
  languagesSpoken: string[]
  active: boolean
}

/**
 * Everything an article's surroundings need, read once per reader language: the directory
 * (specialties, clinics, doctors), images and the names of staff shown as author or reviewer.
 */
export interface DirectorySnapshot {
  language: Language
  specialties: Map<string, SpecialtyRecord>
  clinics: Map<string, ClinicRecord>
  /** Every doctor, sorted by name; inactive ones are never published. */
  doctors: DoctorRecord[]
  doctorsById: Map<string, DoctorRecord>
  images: Map<string, PublishedImage>
  /** Staff names by user id; nothing else of a user is ever read for publishing. */
  people: Map<string, string>
}

export function compareByName<T extends { name: string; id: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function publishedDoctor(doctor: DoctorRecord, directory: DirectorySnapshot, labels: LocaleLabels, today: Date): PublishedDoctor | null {
  const specialty = directory.specialties.get(doctor.specialtyId)
  const clinic = directory.clinics.get(doctor.clinicId)
  if (!doctor.active || !specialty || !clinic) return null
  const years = yearsOfExperience(doctor.practicingSince, today)
  const photo = doctor.photoId ? directory.images.get(doctor.photoId) : undefined
  return {
    id: doctor.id,
    name: doctor.name,
    specialty: { slug: specialty.slug, name: specialty.name, title: specialty.singular },
    practicingSince: doctor.practicingSince,
    yearsOfExperience: years,
    experienceLabel: labels.yearsOfExperience(years),
    qualifications: doctor.qualifications,
    clinic: { id: clinic.id, name: clinic.name, city: clinic.city },
    languagesSpoken: doctor.languagesSpoken,
    ...(photo ? { photo } : {}),
  }
}

function doctorsOfSpecialty(specialtyId: string, directory: DirectorySnapshot, labels: LocaleLabels, today: Date): PublishedDoctor[] {
  return directory.doctors
    .filter((doctor) => doctor.specialtyId === specialtyId)
    .map((doctor) => publishedDoctor(doctor, directory, labels, today))
    .filter((doctor): doctor is PublishedDoctor => doctor !== null)
}

export function renderDoctorDirectory(directory: DirectorySnapshot, labels: LocaleLabels, today: Date): DoctorDirectoryDocument {
  return {
    kind: 'doctorDirectory',
    locale: directory.language.code,
    dir: directory.language.dir,
    doctors: directory.doctors
      .map((doctor) => publishedDoctor(doctor, directory, labels, today))
      .filter((doctor): doctor is PublishedDoctor => doctor !== null),
  }
}

export function compareEntries(a: ArticleIndexEntry, b: ArticleIndexEntry): number {
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function renderArticleIndex(language: Language, shardCount: number, counts: Map<number, number>): ArticleIndexDocument {
  return { kind: 'articleIndex', locale: language.code, dir: language.dir, shardCount, shards: shardSummaries(counts, (shard) => articleIndexShardPath(language.code, shard)) }
}

export function renderArticleIndexShard(language: Language, shard: number, entries: ArticleIndexEntry[]): ArticleIndexShardDocument {
  return { kind: 'articleIndexShard', locale: language.code, dir: language.dir, shard, articles: [...entries].sort(compareEntries) }
}

export function renderSpecialty(
  specialty: SpecialtyRecord,
  directory: DirectorySnapshot,
  articles: { shardCount: number; counts: Map<number, number> },
  labels: LocaleLabels,
  today: Date,
): SpecialtyDocument {
  const locale = directory.language.code
  return {
    kind: 'specialty',
    id: specialty.id,
    slug: specialty.slug,
    locale,
    dir: directory.language.dir,
    name: specialty.name,
    doctorTitle: { singular: specialty.singular, plural: specialty.plural },
    doctors: { heading: labels.consultTop(specialty.plural), items: doctorsOfSpecialty(specialty.id, directory, labels, today) },
    articleShardCount: articles.shardCount,
    articleShards: shardSummaries(articles.counts, (shard) => specialtyArticlesPath(locale, specialty.slug, shard)),
  }
}

export function renderSpecialtyArticles(language: Language, specialtySlug: string, shard: number, entries: ArticleIndexEntry[]): SpecialtyArticlesDocument {
  return { kind: 'specialtyArticles', locale: language.code, dir: language.dir, specialty: specialtySlug, shard, articles: [...entries].sort(compareEntries) }
}

function shardSummaries(counts: Map<number, number>, pathOf: (shard: number) => string): ArticleShardSummary[] {
  return [...counts.entries()]
    .filter(([, articles]) => articles > 0)
    .sort(([a], [b]) => a - b)
    .map(([shard, articles]) => ({ shard, path: pathOf(shard), articles }))
}
