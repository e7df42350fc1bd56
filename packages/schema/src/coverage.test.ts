import { describe, expect, it } from 'vitest'
import { coversDepartments } from './coverage.ts'

const doc = (text: string) => ({
  preamble: [{ type: 'paragraph' as const, text }],
  parts: { 一: [], 二: [], 三: [], 四: [], 五: [], 六: [] },
})

describe('a government report that covers its departments', () => {
  it('is recognised by what its preamble says, and not otherwise', () => {
    expect(coversDepartments(doc('本报告数据汇总了区政府及所属各部门的政府信息公开工作情况。'))).toBe(true)
    expect(coversDepartments(doc('本年度报告包括区人民政府及区政府各组成部门的情况。'))).toBe(true)
    expect(coversDepartments(doc('本报告由区人民政府办公室编制。'))).toBe(false)
    expect(coversDepartments(doc('各部门认真落实条例要求。'))).toBe(false)
  })
})
