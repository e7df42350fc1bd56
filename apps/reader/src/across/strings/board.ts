import { bilingual } from '../messages.ts'

// The compliance board's own strings (CompliancePage).
export default bilingual(
  {
    board: {
      title: '年度报告按时发布情况',
      intro: '法定期限：部门为次年1月31日，人民政府为次年3月31日（北京时间）。',
      deadline: '截止',
      status: '状态',
      published: '发布日期',
      lateBy: '逾期 {n} 天',
      overdue: '已逾期 {n} 天',
      corrections: '更正',
      correctionsN: '{n} 次',
      checks: '核对结果',
      errors: '错误 {e}，提示 {w}',
      feed: '逾期与更正的订阅源（Atom）',
      region: '该地区汇总：{name}',
    },
  },
  {
    board: {
      title: 'Were the annual reports published on time?',
      intro: 'Statutory deadline: 31 January for departments, 31 March for governments, of the next year (Beijing time).',
      deadline: 'Deadline',
      status: 'Status',
      published: 'Published',
      lateBy: '{n} days late',
      overdue: '{n} days overdue',
      corrections: 'Corrections',
      correctionsN: '{n}',
      checks: 'Checks',
      errors: '{e} errors, {w} warnings',
      feed: 'Feed of late and corrected reports (Atom)',
      region: 'Totals of region {name}',
    },
  },
)
