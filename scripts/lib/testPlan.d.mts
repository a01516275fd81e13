export function drivesChromium(file: string, root?: string, seen?: Set<string>): boolean
export function splitSuite(root?: string): { browser: string[]; other: string[] }
export function workersFor(env?: Record<string, string | undefined>): number
