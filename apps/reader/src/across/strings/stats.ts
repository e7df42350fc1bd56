import { bilingual } from '../messages.ts'

// The rankings' own strings (StatsPage).
export default bilingual(
  {
    stats: {
      title: '统计排名',
      total: '合计 {value}，计入 {n} 份报告',
      totalUnknown: '没有可计入的报告',
      chartTitle: '{metric}：{year}排名',
      chartDesc: '共 {n} 个机关。第一名 {first}，为 {value}。',
      chartEmpty: '没有数据可以排名。',
      rank: '名次',
      value: '数值',
      excluded: '未计入的报告（{n}）',
      missing: '没有该年度报告的机关（{n}）',
      missingNoYear: '选择年度后可查看没有报告的机关。',
      svg: '下载图表（SVG）',
      csv: '下载数据（CSV）',
      notComparable: '所选年度跨越2019与2021年格式，此指标含义不同，合计仅供参考。',
      top: '图中显示前 {n} 名，表格逐页列出全部。',
      listedFirst: '，仅列出前 {n} 个',
      add: '加入对比',
      open: '查看对比（{n}）',
    },
  },
  {
    stats: {
      title: 'Rankings',
      total: 'Total {value}, over {n} reports',
      totalUnknown: 'No report can be counted',
      chartTitle: '{metric}: ranking, {year}',
      chartDesc: '{n} agencies. First: {first}, with {value}.',
      chartEmpty: 'Nothing to rank.',
      rank: 'Rank',
      value: 'Value',
      excluded: 'Reports not counted ({n})',
      missing: 'Agencies without a report for the year ({n})',
      missingNoYear: 'Choose a year to see the agencies without a report.',
      svg: 'Download the chart (SVG)',
      csv: 'Download the data (CSV)',
      notComparable: 'The years span the 2019 and 2021 formats, which define this metric differently; the total is indicative only.',
      top: 'The chart shows the first {n}; the table lists all, a page at a time.',
      listedFirst: '; the first {n} listed',
      add: 'Add to compare',
      open: 'Open the comparison ({n})',
    },
  },
)
