export * from './labels.ts'
export * from './templates.ts'
export * from './document.ts'
