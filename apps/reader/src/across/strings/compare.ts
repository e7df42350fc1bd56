import { bilingual } from '../messages.ts'

// The comparison's own strings (ComparePage).
export default bilingual(
  {
    compare: {
      title: '对比报告',
      intro: '最多可对比 6 份报告。在报告页或统计排名中点击“加入对比”。',
      need: '请至少选择 2 份报告。',
      remove: '移出对比：{title}',
      tables: '表格逐项对比',
      onlyDiff: '只看不同之处',
      same: '相同',
      notComparable: '不可比',
      table: '表{t}',
      item: '项目',
      mapping: {
        same: '',
        merged: '2021年格式为三项合计',
        renamed: '两版格式名称不同',
        different: '两版格式含义不同',
        only_2019: '仅2019年格式',
        only_2021: '仅2021年格式',
      },
      share: '分享此对比',
      empty: '尚未选择报告。',
    },
  },
  {
    compare: {
      title: 'Compare reports',
      intro: 'Compare up to 6 reports. Choose “Add to compare” on a report or in the rankings.',
      need: 'Choose at least 2 reports.',
      remove: 'Remove from compare: {title}',
      tables: 'The tables, line by line',
      onlyDiff: 'Only the differences',
      same: 'same',
      notComparable: 'not comparable',
      table: 'Table {t}',
      item: 'Item',
      mapping: {
        same: '',
        merged: 'sum of three rows in the 2021 format',
        renamed: 'named differently in the two formats',
        different: 'means something different in the two formats',
        only_2019: '2019 format only',
        only_2021: '2021 format only',
      },
      share: 'Share this comparison',
      empty: 'No reports chosen yet.',
    },
  },
)
